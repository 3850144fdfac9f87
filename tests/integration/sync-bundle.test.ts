import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppStore } from '../../main/store';
import type { RunningHub } from '../../main/hub';
import { startHub } from '../../main/hub';
import { importSiteBundle } from '../../main/hub/bundle';
import { createEnrolment, revokeDevice } from '../../main/hub/devices';
import { exportSiteBundle, importReplyBundle } from '../../main/sync/bundle';
import { canonicalStateHash } from '../../main/sync/canonical';
import { enrol, getPeer, pendingOwnOps, syncOnce } from '../../main/sync/client';
import { inProgressChallenge } from '../support/flow';
import { makeOrg, openTestStore, tempDbFile } from '../support/store';

/** No link at all (L8): the same sync round on a USB stick, both ways. */
let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

async function setup() {
  const file = tempDbFile('hub.sqlite');
  const hq = openTestStore(file);
  const org = makeOrg(hq);
  const { challengeId } = inProgressChallenge(hq, org);
  hub = await startHub({ dbFile: file, port: 0 });
  const site = openTestStore(tempDbFile('site.sqlite'));
  await enrol(site.db, hub.url, createEnrolment(hub.db, { personId: org.lead, label: '坝址' }).code);
  await syncOnce(site.db); // enrolled while a link existed; from now on only USB sticks
  await hub.close();
  hub = undefined;
  return { hq, org, challengeId, site, hubDb: hq.db };
}

const hubOps = (db: ReturnType<typeof openTestStore>['db']) => db.prepare('SELECT count(*) FROM sync_ops').pluck().get() as number;

describe('sync bundles', () => {
  it('site → HQ → site: the site’s work reaches HQ, HQ’s reaches the site, both end identical', async () => {
    const { hq, org, challengeId, site, hubDb } = await setup();
    for (let i = 0; i < 50; i++) {
      site.call(org.lead, 'progress.add', { challengeId, date: '2026-03-02', workDone: `U盘带回的日志 ${i}`, percent: i, problems: '', nextSteps: '', safetyNotes: '' });
    }
    hq.call(org.officer, 'challenges.update', { id: challengeId, reward: '总部新定的奖励' });

    const { file, ops } = exportSiteBundle(site.db);
    expect(ops).toBe(pendingOwnOps(site.db));
    const { reply, response } = importSiteBundle(hubDb, file);
    expect(response.refused).toEqual([]);
    expect(hubDb.prepare("SELECT count(*) FROM progress_entries WHERE work_done LIKE 'U盘带回的日志 %'").pluck().get()).toBe(50);

    importReplyBundle(site.db, reply);
    expect(pendingOwnOps(site.db)).toBe(0);
    expect(site.db.prepare('SELECT reward FROM challenges WHERE id = ?').pluck().get(challengeId)).toBe('总部新定的奖励');
    expect(canonicalStateHash(site.db)).toBe(canonicalStateHash(hubDb));
  });

  it('importing a bundle twice is the same as once, at both ends', async () => {
    const { org, challengeId, site, hubDb } = await setup();
    site.call(org.lead, 'progress.add', { challengeId, date: '2026-03-02', workDone: '只算一次', percent: 1, problems: '', nextSteps: '', safetyNotes: '' });
    const { file } = exportSiteBundle(site.db);
    const first = importSiteBundle(hubDb, file);
    const opsAfterFirst = hubOps(hubDb);
    const second = importSiteBundle(hubDb, file);
    expect(hubOps(hubDb)).toBe(opsAfterFirst);
    expect(second.response.acked).toBe(first.response.acked);
    expect(hubDb.prepare("SELECT count(*) FROM progress_entries WHERE work_done = '只算一次'").pluck().get()).toBe(1);
    importReplyBundle(site.db, first.reply);
    const state = canonicalStateHash(site.db);
    importReplyBundle(site.db, second.reply);
    importReplyBundle(site.db, first.reply);
    expect(canonicalStateHash(site.db)).toBe(state);
    expect(state).toBe(canonicalStateHash(hubDb));
  });

  it('a tampered, truncated, misdirected or revoked bundle is refused and changes nothing', async () => {
    const { org, challengeId, site, hubDb } = await setup();
    site.call(org.lead, 'progress.add', { challengeId, date: '2026-03-02', workDone: '篡改测试', percent: 1, problems: '', nextSteps: '', safetyNotes: '' });
    const { file } = exportSiteBundle(site.db);
    const before = { ops: hubOps(hubDb), hash: canonicalStateHash(hubDb) };

    const tampered = Buffer.from(file);
    tampered[tampered.length - 5]! ^= 0xff;
    expect(() => importSiteBundle(hubDb, tampered)).toThrow(/signature does not match/);
    // the header's own claims are covered by the signature too
    const redated = Buffer.from(file.toString('latin1').replace(/"createdAt":"\d{4}/, '"createdAt":"1999'), 'latin1');
    expect(redated.equals(file)).toBe(false);
    expect(() => importSiteBundle(hubDb, redated)).toThrow(/signature does not match/);
    expect(() => importSiteBundle(hubDb, file.subarray(0, file.length - 100))).toThrow(/truncated/);
    expect(() => importSiteBundle(hubDb, file.subarray(0, 30))).toThrow(/truncated|not valid/);
    expect(() => importSiteBundle(hubDb, Buffer.from('PK\u0003\u0004 a zip file, not a bundle'))).toThrow(/not a Jiebang sync bundle/);
    expect(() => importReplyBundle(site.db, file)).toThrow(/import it at HQ/);
    expect({ ops: hubOps(hubDb), hash: canonicalStateHash(hubDb) }).toEqual(before);

    // a reply meant for another device is refused there
    const other = openTestStore(tempDbFile('other.sqlite'));
    const running = await startHub({ dbFile: tempDbFile('hub2.sqlite'), port: 0 });
    running.db.prepare("INSERT INTO people (id, name, site_id, roles, active) VALUES ('p', '某人', 's', '[\"site_member\"]', 1)").run();
    await enrol(other.db, running.url, createEnrolment(running.db, { personId: 'p', label: 'x' }).code);
    await running.close();
    const { reply } = importSiteBundle(hubDb, file);
    expect(() => importReplyBundle(other.db, reply)).toThrow(/another device/);

    revokeDevice(hubDb, getPeer(site.db)!.deviceId);
    expect(() => importSiteBundle(hubDb, exportSiteBundle(site.db).file)).toThrow(/revoked/);
  });
});

describe('sync bundles from the app (File menu)', () => {
  it('the app store writes a bundle file, imports HQ’s reply file, and tells the views', async () => {
    const file = tempDbFile('hub.sqlite');
    const hq = openTestStore(file);
    const org = makeOrg(hq);
    const { challengeId } = inProgressChallenge(hq, org);
    hub = await startHub({ dbFile: file, port: 0 });
    const app = openAppStore(tempDbFile('app.sqlite'), { seedDemo: false, sync: { periodMs: 3_600_000, debounceMs: 3_600_000 } });
    try {
      const enrolled = await app.dispatch('sync.enrol', { hubUrl: hub.url, code: createEnrolment(hub.db, { personId: org.lead, label: '坝址笔记本' }).code });
      expect(enrolled.ok).toBe(true);
      await syncOnce(app.db);
      await hub.close();
      hub = undefined;

      const added = await app.dispatch('progress.add', { challengeId, date: '2026-03-02', workDone: '菜单导出的日志', percent: 30, problems: '', nextSteps: '', safetyNotes: '' });
      expect(added.ok).toBe(true);
      const dir = path.dirname(tempDbFile('x'));
      const out = path.join(dir, 'site.jbundle');
      const exported = app.exportBundle(out);
      expect(exported.ops).toBe(pendingOwnOps(app.db));
      expect(fs.statSync(out).size).toBe(exported.bytes);
      // never overwrites a file
      expect(() => app.exportBundle(out)).toThrow(/文件已存在/);

      const { reply } = importSiteBundle(hq.db, fs.readFileSync(out));
      const replyFile = path.join(dir, 'reply.jbundle');
      fs.writeFileSync(replyFile, reply);
      const changes: string[] = [];
      app.onDataChanged((e) => changes.push(e.method));
      const imported = app.importReplyBundle(replyFile);
      expect(imported.refused).toBe(0);
      expect(pendingOwnOps(app.db)).toBe(0);
      expect(changes).toEqual(['sync.bundle']);
      expect(app.syncStatus().pendingOps).toBe(0);
      expect(hq.db.prepare("SELECT count(*) FROM progress_entries WHERE work_done = '菜单导出的日志'").pluck().get()).toBe(1);
      // the site's own bundle cannot be imported here, and a missing file says so
      expect(() => app.importReplyBundle(out)).toThrow(/应在总部导入/);
      expect(() => app.importReplyBundle(path.join(dir, 'missing.jbundle'))).toThrow(/找不到同步包/);
    } finally {
      await app.close();
    }
  });
});
