import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import { canonicalStateHash } from '../../main/sync/canonical';
import { OpApplier, readOps } from '../../main/sync/oplog';
import type { TestStore } from '../support/store';
import { command, ids, step } from '../support/commands';
import { makeOrg, openTestStore, tempDbFile } from '../support/store';
import { createBoard, createChallenge } from '../support/flow';

/**
 * The sync invariant: every state change has its ops. Random sequences of service calls (legal
 * and illegal, by the right and the wrong people) run on a real database; then its op log,
 * replayed into an empty database in log order and in a shuffled order, rebuilds exactly the
 * same state. Refused calls change nothing at all.
 */
const totalChanges = (s: TestStore) => s.db.prepare('SELECT total_changes()').pluck().get() as number;
const opCount = (s: TestStore) => s.db.prepare('SELECT count(*) FROM sync_ops').pluck().get() as number;

function replayHash(ops: ReturnType<typeof readOps>): string {
  const db = openDatabase(tempDbFile('replay.sqlite'));
  db.transaction(() => new OpApplier(db).apply(ops))();
  const hash = canonicalStateHash(db);
  db.close();
  return hash;
}

describe('the sync invariant', () => {
  it('replaying the op log — in order or shuffled — rebuilds the exact state; refusals change nothing', () => {
    let accepted = 0;
    let refused = 0;
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 80, size: 'max' }), fc.nat(), (steps, seed) => {
        const s = openTestStore();
        const org = makeOrg(s);
        // a published board with a challenge and a 子榜 to start from, so most steps have something to act on
        const boardId = createBoard(s, org);
        createChallenge(s, org, boardId, { parentId: createChallenge(s, org, boardId) });
        s.call(org.officer, 'boards.publish', { id: boardId });
        for (const st of steps) {
          const cmd = command(s, org, st);
          if (!cmd) continue;
          const [actor, method, input] = cmd;
          // total_changes counts every row inserted, updated or deleted on this connection
          const beforeChanges = totalChanges(s);
          const beforeOps = opCount(s);
          const result = s.attempt(actor, method, input as never);
          if (result.ok) {
            accepted++;
            expect(opCount(s)).toBeGreaterThan(beforeOps);
          } else {
            refused++;
            expect(['RULE', 'FORBIDDEN', 'ILLEGAL_TRANSITION', 'VALIDATION', 'NOT_FOUND']).toContain(result.error.code);
            expect(opCount(s)).toBe(beforeOps);
            expect(totalChanges(s)).toBe(beforeChanges);
          }
          s.clock.advanceMs(3_600_000 + st.b * 1000);
          for (const status of ids(s, 'SELECT DISTINCT status FROM challenges')) reached.add(status);
        }
        const state = canonicalStateHash(s.db);
        const ops = readOps(s.db);
        expect(replayHash(ops)).toBe(state);
        // last writer wins per field by clock, so the order of arrival does not matter
        const shuffled = fc.sample(fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length }), { seed, numRuns: 1 })[0]!;
        expect(replayHash(shuffled)).toBe(state);
        // and applying everything twice changes nothing (exactly once by replica + sequence)
        const db = openDatabase(tempDbFile('twice.sqlite'));
        db.transaction(() => {
          const applier = new OpApplier(db);
          applier.apply(ops);
          expect(applier.apply(shuffled)).toBe(0);
        })();
        expect(canonicalStateHash(db)).toBe(state);
        db.close();
        s.db.close();
      }),
      { numRuns: 200 },
    );
    // the generator must reach deep into the life cycle, not just bounce off refusals
    expect(accepted).toBeGreaterThan(1500);
    expect(refused).toBeGreaterThan(500);
    const seen = [...reached].sort().join(' ');
    for (const status of ['published', 'appointed', 'pledged', 'in_progress', 'acceptance_requested']) expect(seen, status).toContain(status);
    // and some challenge got an acceptance decision
    expect(seen).toMatch(/\b(accepted|not_accepted|rework)\b/);
    // 200 sequences take ~40 s on an idle 2-core machine; CI shares it with the other suites
  }, 300_000);
});
