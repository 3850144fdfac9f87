import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatusEvent } from '../../main/contract/result';
import type { RunningHub } from '../../main/hub';
import { startHub } from '../../main/hub';
import { createEnrolment } from '../../main/hub/devices';
import type { AppStore } from '../../main/store';
import { openAppStore } from '../../main/store';
import { canonicalStateHash } from '../../main/sync/canonical';
import { SyncScheduler } from '../../main/sync/scheduler';
import { inProgressChallenge } from '../support/flow';
import type { Link } from '../support/link-emulator';
import { startLink } from '../support/link-emulator';
import { makeOrg, openTestStore, tempDbFile } from '../support/store';

/** The app's own sync loop against a real hub through the link emulator. */
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the app syncs by itself', () => {
  it('enrols, pulls, keeps writing through an outage, backs off, and drains the queue alone when the link returns', async () => {
    const hubFile = tempDbFile('hub.sqlite');
    const hq = openTestStore(hubFile);
    const org = makeOrg(hq);
    const { challengeId } = inProgressChallenge(hq, org);
    const hub: RunningHub = await startHub({ dbFile: hubFile, port: 0 });
    cleanup.push(() => hub.close());
    const port = Number(new URL(hub.url).port);
    const link: Link = await startLink({ target: { host: '127.0.0.1', port }, profile: 'L2' });
    cleanup.push(() => link.close());

    const device: AppStore = openAppStore(tempDbFile('site.sqlite'), {
      seedDemo: false,
      sync: { debounceMs: 50, periodMs: 60_000, minBackoffMs: 200, maxBackoffMs: 800, timeoutMs: 3_000 },
    });
    cleanup.push(() => device.close());
    const statuses: SyncStatusEvent[] = [];
    device.onSyncStatus((s) => statuses.push(s));
    expect(device.syncStatus().link).toBe('local-only');

    const { code } = createEnrolment(hub.db, { personId: org.lead, label: '坝址笔记本' });
    const enrolled = await device.dispatch('sync.enrol', { hubUrl: link.url, code });
    expect(enrolled.ok).toBe(true);
    await until('the first pull', () => device.syncStatus().link === 'online' && device.db.prepare('SELECT count(*) FROM challenges').pluck().get() === 1);

    // the satellite link drops; the field team keeps working
    link.outage();
    const entry = { challengeId, date: '2026-03-02', workDone: '断网期间完成右岸监测点', percent: 45, problems: '', nextSteps: '', safetyNotes: '' };
    const written = await device.dispatch('progress.add', entry);
    expect(written.ok).toBe(true);
    await until('a failed attempt', () => device.syncStatus().link === 'offline');
    const offline = device.syncStatus();
    expect(offline.pendingOps).toBeGreaterThan(0);
    expect(offline.lastError).toBeTruthy();
    expect(offline.nextAttemptAt).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1_500)); // a few backoff rounds, all failing
    expect(hub.db.prepare("SELECT count(*) FROM progress_entries WHERE work_done = '断网期间完成右岸监测点'").pluck().get()).toBe(0);

    // the link returns: no new write, no button press — the queue drains by itself
    link.restore();
    await until('the queue to drain', () => device.syncStatus().pendingOps === 0 && device.syncStatus().link === 'online');
    expect(hub.db.prepare("SELECT count(*) FROM progress_entries WHERE work_done = '断网期间完成右岸监测点'").pluck().get()).toBe(1);
    expect(canonicalStateHash(device.db)).toBe(canonicalStateHash(hub.db));
    // it never claimed to be in sync while something was pending and the last attempt failed
    expect(statuses.some((s) => s.link === 'offline' && s.pendingOps > 0)).toBe(true);
    expect(statuses.filter((s) => s.link === 'offline').every((s) => s.lastError)).toBe(true);

    // 'sync now' is refused clearly on a device that is not enrolled
    const lonely = openAppStore(tempDbFile('lonely.sqlite'), { seedDemo: false });
    cleanup.push(() => lonely.close());
    const refused = await lonely.dispatch('sync.now', {});
    expect(refused.ok).toBe(false);
  });

  it('enrolling a database with never-synced local data (the demo) is refused', async () => {
    const hubFile = tempDbFile('hub.sqlite');
    const hq = openTestStore(hubFile);
    const org = makeOrg(hq);
    const hub = await startHub({ dbFile: hubFile, port: 0 });
    cleanup.push(() => hub.close());
    const demo = openAppStore(tempDbFile('demo.sqlite'));
    cleanup.push(() => demo.close());
    const { code } = createEnrolment(hub.db, { personId: org.lead, label: 'x' });
    const result = await demo.dispatch('sync.enrol', { hubUrl: hub.url, code });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('演示数据');
    expect(hub.db.prepare('SELECT count(*) FROM hub_devices').pluck().get()).toBe(0);
  });

  it('backs off exponentially with jitter, capped', () => {
    const db = openTestStore().db;
    const scheduler = new SyncScheduler({ db, onStatus: () => undefined, minBackoffMs: 1_000, maxBackoffMs: 60_000, random: () => 1 });
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((failures) => {
      (scheduler as unknown as { failures: number }).failures = failures;
      return scheduler.backoffMs();
    });
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    const low = new SyncScheduler({ db, onStatus: () => undefined, minBackoffMs: 1_000, random: () => 0 });
    (low as unknown as { failures: number }).failures = 3;
    expect(low.backoffMs()).toBe(2_000);
  });
});
