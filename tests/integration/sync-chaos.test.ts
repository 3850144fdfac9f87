import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import type { RunningHub } from '../../main/hub';
import { startHub } from '../../main/hub';
import { createEnrolment } from '../../main/hub/devices';
import { canonicalStateHash } from '../../main/sync/canonical';
import { enrol, pendingOwnOps, syncOnce } from '../../main/sync/client';
import { inProgressChallenge } from '../support/flow';
import { freePort, startHubProcess, stopProcess } from '../support/hub-process';
import { startLink } from '../support/link-emulator';
import { makeOrg, openTestStore, tempDbFile } from '../support/store';

/**
 * Chaos: the link is cut at a random byte offset, during the push or during the pull, trial after
 * trial. Whatever the cut hits, the next sync over a healthy link converges: every entry reaches
 * HQ exactly once, nothing is lost, nothing is duplicated, and the device queue is empty.
 * (A longer soak: CHAOS_TRIALS=2000 npx vitest run tests/integration/sync-chaos.test.ts)
 */
const TRIALS = Number(process.env.CHAOS_TRIALS ?? 120);

let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe('sync under a link that is cut at random byte offsets', () => {
  it(`${TRIALS} trials: zero loss, zero duplicates, convergence on the next healthy round`, async () => {
    const file = tempDbFile('hub.sqlite');
    const hq = openTestStore(file);
    const org = makeOrg(hq);
    const { challengeId } = inProgressChallenge(hq, org);
    hub = await startHub({ dbFile: file, port: 0, rateLimitPerMinute: 100_000 });
    const hubPort = Number(new URL(hub.url).port);
    const site = openTestStore(tempDbFile('site.sqlite'));
    const direct = await startLink({ target: { host: '127.0.0.1', port: hubPort } });
    await enrol(site.db, direct.url, createEnrolment(hub.db, { personId: org.lead, label: 'chaos' }).code);
    await syncOnce(site.db);

    const rng = fc.sample(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 3_000 }), fc.constantFrom('up', 'down'), fc.boolean()), { numRuns: TRIALS, seed: Number(process.env.CHAOS_SEED ?? Date.now() % 1e9) });
    let written = 0;
    let cutHappened = 0;
    for (const [trial, [entries, cutAt, direction, hqWrites]] of rng.entries()) {
      for (let i = 0; i < entries; i++) {
        site.call(org.lead, 'progress.add', { challengeId, date: '2026-03-02', workDone: `混沌测试 ${trial}-${i}`, percent: (trial + i) % 101, problems: '', nextSteps: '', safetyNotes: '' });
        written++;
      }
      // HQ changes too, so the pull has something to carry (and to be cut in)
      if (hqWrites) hq.call(org.officer, 'challenges.update', { id: challengeId, reward: `奖励方案 ${trial}` });

      const link = await startLink({ target: { host: '127.0.0.1', port: hubPort } });
      let cut = false;
      void link.cutAfterBytes(cutAt, direction).then(() => (cut = true));
      // the device talks to the hub through this link for this trial
      site.db.prepare('UPDATE sync_peer SET hub_url = ?').run(link.url);
      await syncOnce(site.db, { batchBytes: 4_000, timeoutMs: 5_000 }).catch(() => undefined);
      await link.close();
      if (cut) cutHappened++;

      // the link returns: one sync over a healthy link settles everything
      site.db.prepare('UPDATE sync_peer SET hub_url = ?').run(direct.url);
      const report = await syncOnce(site.db, { batchBytes: 1_000_000 });
      expect(report.pending, `trial ${trial}`).toBe(0);
      expect(pendingOwnOps(site.db)).toBe(0);
    }
    await direct.close();

    const atHub = hub.db.prepare("SELECT work_done, count(*) AS n FROM progress_entries WHERE work_done LIKE '混沌测试 %' GROUP BY work_done").all() as { n: number }[];
    expect(atHub).toHaveLength(written); // nothing lost
    expect(atHub.every((r) => r.n === 1)).toBe(true); // nothing twice
    const dupOps = hub.db.prepare('SELECT count(*) FROM (SELECT replica_id, replica_seq FROM sync_ops GROUP BY 1, 2 HAVING count(*) > 1)').pluck().get();
    expect(dupOps).toBe(0);
    expect(canonicalStateHash(site.db)).toBe(canonicalStateHash(hub.db));
    // most trials really were cut mid-exchange
    expect(cutHappened).toBeGreaterThan(TRIALS / 2);
  }, 180_000 + TRIALS * 300);
});

describe('sync when the hub process is killed mid-apply', () => {
  it('SIGKILL during a round, restart on the same file: nothing lost, nothing twice', async () => {
    const file = tempDbFile('hub.sqlite');
    const hq = openTestStore(file);
    const org = makeOrg(hq);
    const { challengeId } = inProgressChallenge(hq, org);
    const { code } = createEnrolment(hq.db, { personId: org.lead, label: 'kill test' });
    hq.db.close();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let child = await startHubProcess(file, port);
    const site = openTestStore(tempDbFile('site.sqlite'));
    await enrol(site.db, url, code);
    await syncOnce(site.db);

    let written = 0;
    const delays = fc.sample(fc.integer({ min: 0, max: 60 }), { numRuns: 6 });
    for (const [trial, delay] of delays.entries()) {
      for (let i = 0; i < 200; i++) {
        site.call(org.lead, 'progress.add', { challengeId, date: '2026-03-02', workDone: `进程被杀 ${trial}-${i}`, percent: i % 101, problems: '现场记录', nextSteps: '', safetyNotes: '' });
        written++;
      }
      const attempt = syncOnce(site.db, { batchBytes: 60_000, timeoutMs: 5_000 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, delay));
      await stopProcess(child, 'SIGKILL');
      await attempt;
      child = await startHubProcess(file, port);
      const report = await syncOnce(site.db, { batchBytes: 1_000_000 });
      expect(report.pending, `trial ${trial}`).toBe(0);
    }
    await stopProcess(child);

    const db = openDatabase(file, { create: false });
    const rows = db.prepare("SELECT count(*) AS n, count(DISTINCT work_done) AS d FROM progress_entries WHERE work_done LIKE '进程被杀 %'").get() as { n: number; d: number };
    expect(rows).toEqual({ n: written, d: written });
    expect(db.prepare('SELECT count(*) FROM (SELECT replica_id, replica_seq FROM sync_ops GROUP BY 1, 2 HAVING count(*) > 1)').pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(canonicalStateHash(site.db)).toBe(canonicalStateHash(db));
    db.close();
  });
});
