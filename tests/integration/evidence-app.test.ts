import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../main/hub';
import { startHub } from '../../main/hub';
import { createEnrolment } from '../../main/hub/devices';
import { BlobStore } from '../../main/evidence/blobs';
import type { AppStore } from '../../main/store';
import { openAppStore } from '../../main/store';
import { inProgressChallenge } from '../support/flow';
import { makePhoto } from '../support/evidence-files';
import type { Link } from '../support/link-emulator';
import { startLink } from '../support/link-emulator';
import { makeOrg, openTestStore, tempDbFile, tempDir } from '../support/store';

/** The app's own loops: a photo attached through the bridge reaches HQ with no further step, after the records. */
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('evidence in the app', () => {
  it('attach through the bridge; sync carries the record, the evidence runner the files, through an outage', async () => {
    const hubFile = tempDbFile('hub.sqlite');
    const hq = openTestStore(hubFile);
    const org = makeOrg(hq);
    const { challengeId } = inProgressChallenge(hq, org);
    const hub: RunningHub = await startHub({ dbFile: hubFile, port: 0 });
    cleanup.push(() => hub.close());
    const hubStore = new BlobStore(path.join(path.dirname(hubFile), 'evidence'));
    const link: Link = await startLink({ target: { host: '127.0.0.1', port: Number(new URL(hub.url).port) }, upBitsPerSec: 4e6, downBitsPerSec: 4e6, delayMs: 20 });
    cleanup.push(() => link.close());

    const device: AppStore = openAppStore(tempDbFile('site.sqlite'), {
      seedDemo: false,
      sync: { debounceMs: 50, periodMs: 60_000, minBackoffMs: 200, maxBackoffMs: 800, timeoutMs: 3_000 },
    });
    cleanup.push(() => device.close());
    const { code } = createEnrolment(hub.db, { personId: org.lead, label: '坝址笔记本' });
    expect((await device.dispatch('sync.enrol', { hubUrl: link.url, code })).ok).toBe(true);
    await until('the first pull', () => device.db.prepare('SELECT count(*) FROM challenges').pluck().get() === 1);

    link.outage();
    const entry = await device.dispatch('progress.add', { challengeId, date: '2026-03-02', workDone: '右岸监测点安装', percent: 45, problems: '', nextSteps: '', safetyNotes: '' });
    if (!entry.ok) throw new Error(entry.error.message);
    const photo = await makePhoto(path.join(tempDir(), '右岸.jpg'), { takenAt: '2026:03:02 15:04:05' });
    const granted = device.grantFile(photo);
    if (!granted.ok) throw new Error(granted.error.message);
    const attached = await device.dispatch('evidence.attach', { token: granted.value.token, ownerEntity: 'progress', ownerId: (entry.value as { id: string }).id });
    if (!attached.ok) throw new Error(attached.error.message);
    const a = attached.value as { id: string; sha256: string; thumbSha256: string };
    const queue = await device.dispatch('evidence.queue', {});
    expect(queue.ok && (queue.value as { totals: { files: number } }).totals.files).toBe(2);

    link.restore();
    await until('the photo at HQ', () => hubStore.has(a.sha256) && hubStore.has(a.thumbSha256), 60_000);
    expect(hub.db.prepare('SELECT captured_at FROM attachments WHERE id = ?').pluck().get(a.id)).toBe('2026-03-02T15:04:05+08:00');
    await until('the queue to empty', () => {
      const q = device.db.prepare("SELECT count(*) FROM evidence_transfers WHERE state != 'done'").pluck().get() as number;
      return q === 0;
    });
  });
});
