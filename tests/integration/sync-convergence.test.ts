import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startHub } from '../../main/hub';
import { createEnrolment } from '../../main/hub/devices';
import { canonicalStateHash } from '../../main/sync/canonical';
import { enrol, syncOnce } from '../../main/sync/client';
import { loadReplica } from '../../main/sync/replica';
import { command, step } from '../support/commands';
import { createBoard, createChallenge } from '../support/flow';
import type { TestStore } from '../support/store';
import { makeOrg, openTestStore, TestClock, tempDbFile } from '../support/store';

/**
 * Convergence: five devices (HQ, a supervisor, two at the dam, one offshore) and the hub. Random
 * concurrent edits — the same fields and different ones, transitions racing each other, work on
 * things withdrawn or moved on elsewhere — under random partitions and clocks up to 48 h apart.
 * When the links heal, every device and the hub hold the identical state; every op a device wrote is
 * at the hub exactly once (applied or refused with a reason), none lost.
 */
const H = 3_600_000;
const event = fc.record({
  device: fc.nat(4),
  kind: fc.constantFrom('cmd', 'cmd', 'cmd', 'cmd', 'sync', 'sync', 'cut', 'heal'),
  st: step,
});

describe('five devices and a hub converge', () => {
  it('identical state everywhere after the links heal; no op lost, none twice', async () => {
    let refusedTotal = 0;
    let conflictTotal = 0;
    let appliedTotal = 0;
    const writesBy = [0, 0, 0, 0, 0];
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 30, maxLength: 90, size: 'max' }),
        fc.array(fc.integer({ min: -48, max: 48 }), { minLength: 5, maxLength: 5 }),
        async (events, skews) => {
          const hubFile = tempDbFile('hub.sqlite');
          const hq = openTestStore(hubFile);
          const org = makeOrg(hq);
          const boardId = createBoard(hq, org);
          createChallenge(hq, org, boardId, { parentId: createChallenge(hq, org, boardId) });
          createChallenge(hq, org, boardId, { siteId: org.platformSiteId, teamMode: 'horse_race' });
          hq.call(org.officer, 'boards.publish', { id: boardId });
          const hub = await startHub({ dbFile: hubFile, port: 0, rateLimitPerMinute: 1_000_000 });
          try {
            const people = [org.officer, org.supervisor, org.lead, org.member, org.otherLead];
            const devices: TestStore[] = [];
            for (const [i, person] of people.entries()) {
              // each device's clock is off by up to ±48 h
              const d = openTestStore(tempDbFile(`device-${i}.sqlite`), new TestClock(hq.clock.ms + skews[i]! * H));
              await enrol(d.db, hub.url, createEnrolment(hub.db, { personId: person, label: `d${i}` }).code);
              await syncOnce(d.db);
              devices.push(d);
            }
            const offline = new Set<number>();
            for (const e of events) {
              const d = devices[e.device]!;
              if (e.kind === 'cut') offline.add(e.device);
              else if (e.kind === 'heal') offline.delete(e.device);
              else if (e.kind === 'sync') {
                if (!offline.has(e.device)) await syncOnce(d.db);
              } else {
                const cmd = command(d, org, e.st);
                // each device acts as its own person, whatever the generator picked
                if (cmd && d.attempt(people[e.device]!, cmd[1], cmd[2] as never).ok) writesBy[e.device]!++;
              }
              for (const x of devices) x.clock.advanceMs(600_000 + e.st.b * 1_000);
            }
            // the links heal: two passes, so every device has pulled what the others pushed
            for (let pass = 0; pass < 2; pass++) for (const d of devices) await syncOnce(d.db);
            const hubHash = canonicalStateHash(hub.db);
            for (const [i, d] of devices.entries()) expect(canonicalStateHash(d.db), `device ${i}`).toBe(hubHash);
            // every conflict visible, and the same everywhere: concurrent transitions that did not apply
            const conflictsOf = (db: TestStore['db']) => db.prepare('SELECT event_id, found_status FROM status_conflicts ORDER BY event_id').all();
            const hubConflicts = conflictsOf(hub.db);
            conflictTotal += hubConflicts.length;
            for (const [i, d] of devices.entries()) expect(conflictsOf(d.db), `device ${i} conflicts`).toEqual(hubConflicts);

            for (const d of devices) {
              const replicaId = loadReplica(d.db).id;
              const own = d.db.prepare('SELECT count(*) FROM sync_ops WHERE replica_id = ?').pluck().get(replicaId) as number;
              const applied = hub.db.prepare('SELECT count(*) FROM sync_ops WHERE replica_id = ?').pluck().get(replicaId) as number;
              const refused = hub.db.prepare('SELECT count(*) FROM hub_refusals WHERE replica_id = ?').pluck().get(replicaId) as number;
              expect(applied + refused).toBe(own); // every op arrived, exactly once
              expect(d.db.prepare('SELECT count(*) FROM sync_ops WHERE replica_id = ? AND acked = 0').pluck().get(replicaId)).toBe(0);
              expect(d.db.prepare('SELECT count(*) FROM sync_refusals').pluck().get()).toBe(refused); // every refusal visible
              refusedTotal += refused;
              appliedTotal += applied;
            }
          } finally {
            await hub.close();
          }
        },
      ),
      { numRuns: 25 },
    );
    if (process.env.DEBUG_CONVERGENCE) console.log({ appliedTotal, refusedTotal, conflictTotal, writesBy });
    // real concurrent work happened, at HQ and at the sites
    expect(appliedTotal).toBeGreaterThan(1000);
    expect(writesBy.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
  }, 240_000);
});
