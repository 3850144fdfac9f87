import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../main/db/migrations';
import { applyResponse } from '../../main/sync/client';
import { applyDeferredOps } from '../../main/sync/deferred';
import { formatHlc } from '../../main/sync/hlc';
import type { PulledWireOp } from '../../main/sync/protocol';
import { PROTOCOL_VERSION } from '../../main/sync/protocol';
import { loadReplica } from '../../main/sync/replica';
import { makeOrg, openTestStore } from '../support/store';

/** Another site upgraded first: the hub relays its ops, stamped with a schema newer than ours. */
function world() {
  const s = openTestStore();
  const org = makeOrg(s);
  const teamId = s.call(org.lead, 'teams.create', { name: '坝顶突击队', siteId: org.damSiteId, leaderId: org.lead, memberIds: [], description: '' }).id;
  const replicaId = loadReplica(s.db).id;
  const far = Date.parse('2026-06-01T00:00:00Z');
  const op = (seq: number, field: string, value: unknown, schema: number): PulledWireOp =>
    ['newer-site', seq, formatHlc({ wall: far + seq, counter: 0, replicaId: 'newer-site' }), 'team', teamId, field, value, schema];
  const receive = (ops: PulledWireOp[]) =>
    applyResponse(s.db, replicaId, { v: PROTOCOL_VERSION, acked: 0, refused: [], ops, cursor: ops.length, more: false, hubTime: far + 10 }, far + 10);
  const team = () => s.db.prepare('SELECT name, description FROM teams WHERE id = ?').get(teamId) as { name: string; description: string };
  return { s, teamId, op, receive, team };
}

describe('ops from a newer schema', () => {
  it('are kept in the log but not applied, while ops of our schema in the same answer are', () => {
    const w = world();
    applyDeferredOps(w.s.db); // the app opened: records the schema it applies up to
    w.receive([w.op(1, 'name', '新版本改的名称', SCHEMA_VERSION + 1), w.op(2, 'description', '本版本能懂的说明', SCHEMA_VERSION)]);
    expect(w.team()).toEqual({ name: '坝顶突击队', description: '本版本能懂的说明' });
    const kept = w.s.db.prepare("SELECT count(*) FROM sync_ops WHERE replica_id = 'newer-site'").pluck().get();
    expect(kept).toBe(2);
    // opening again without an upgrade changes nothing
    expect(applyDeferredOps(w.s.db)).toBe(0);
    expect(w.team().name).toBe('坝顶突击队');
  });

  it('are applied from the log after the upgrade, once, and win by their clocks', () => {
    const w = world();
    applyDeferredOps(w.s.db);
    w.receive([w.op(1, 'name', '新版本改的名称', SCHEMA_VERSION + 1)]);
    // meanwhile an older op of our schema arrives for the same field: it applies now…
    w.receive([['older-site', 1, formatHlc({ wall: Date.parse('2026-05-01T00:00:00Z'), counter: 0, replicaId: 'older-site' }), 'team', w.teamId, 'name', '旧站点改的名称', SCHEMA_VERSION]]);
    expect(w.team().name).toBe('旧站点改的名称');
    // …and after the upgrade the newer op, with the later clock, wins — without fetching anything again
    expect(applyDeferredOps(w.s.db, SCHEMA_VERSION + 1)).toBe(1);
    expect(w.team().name).toBe('新版本改的名称');
    expect(applyDeferredOps(w.s.db, SCHEMA_VERSION + 1)).toBe(0);
  });

  it('a database from before this rule replays nothing on first open', () => {
    const w = world();
    w.s.db.prepare("DELETE FROM settings WHERE key LIKE 'sync.%'").run();
    expect(applyDeferredOps(w.s.db)).toBe(0);
    expect(w.s.db.prepare("SELECT value FROM settings WHERE key = 'sync.ops_applied_up_to_schema'").pluck().get()).toBe(String(SCHEMA_VERSION));
  });
});
