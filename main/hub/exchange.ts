import type { Db } from '../db/open';
import type { EntityName } from '../db/entities';
import { SCHEMA_VERSION } from '../db/migrations';
import { parseHlc, receive } from '../sync/hlc';
import type { Op } from '../sync/oplog';
import { applierFor } from '../sync/oplog';
import type { PulledWireOp, Refusal, SyncResponse } from '../sync/protocol';
import type { ColumnKind } from '../db/entities';
import { ENTITIES } from '../db/entities';
import type { Actor } from '../domain/authority';
import type { Person } from '../domain/entities';
import type { OpRefusal, RowFacts } from '../domain/op-authority';
import { refuseOp } from '../domain/op-authority';
import { decodeRow, decodeValue } from '../sync/codec';
import { MAX_CLOCK_AHEAD_MS, PROTOCOL_VERSION, syncRequestSchema, valueFitsColumn } from '../sync/protocol';
import { loadReplica, saveReplica } from '../sync/replica';
import type { Device } from './devices';
import { HubError } from './errors';

/** Ops scanned per pull at most, so a request never turns into a full-table walk. */
const MAX_PULL_ROWS = 20_000;

/** The highest sequence of `replicaId` the hub holds (applied or refused); batches arrive whole and in order. */
export function ackedThrough(db: Db, replicaId: string): number {
  const applied = db.prepare('SELECT max(replica_seq) FROM sync_ops WHERE replica_id = ?').pluck().get(replicaId) as number | null;
  const refused = db.prepare('SELECT max(replica_seq) FROM hub_refusals WHERE replica_id = ?').pluck().get(replicaId) as number | null;
  return Math.max(applied ?? 0, refused ?? 0);
}

/** The device's person as the hub knows them now (roles may have changed while the site was offline). */
function deviceActor(db: Db, device: Device): Actor | null {
  const row = db.prepare('SELECT * FROM people WHERE id = ?').get(device.personId) as Record<string, unknown> | undefined;
  if (!row) return null;
  const person = decodeRow<Person>('person', row);
  return person.active ? { id: person.id, name: person.name, siteId: person.siteId, roles: person.roles } : null;
}

/** Looks up rows at the hub, decoded by column, remembering them for the rest of the batch. */
function rowFacts(db: Db, batch: readonly Op[]) {
  const rows = new Map<string, Record<string, unknown> | null>();
  const current = (entity: EntityName, rowId: string) => {
    const key = `${entity}:${rowId}`;
    if (!rows.has(key)) {
      const raw = db.prepare(`SELECT * FROM ${ENTITIES[entity].table} WHERE id = ?`).get(rowId) as Record<string, unknown> | undefined;
      const kinds = ENTITIES[entity].columns as Record<string, ColumnKind>;
      rows.set(key, raw ? Object.fromEntries(Object.entries(kinds).map(([c, k]) => [c, decodeValue(k, raw[c])])) : null);
    }
    return rows.get(key) ?? null;
  };
  // a row's challenge: from the hub's copy, or from the same batch when the row is new
  // (indexed once: a batch holds up to 20,000 ops, so no scan per op)
  const batchChallenge = new Map<string, string>();
  const batchCopiedFrom = new Map<string, string>();
  for (const o of batch) {
    if (o.field === 'challenge_id' && typeof o.value === 'string' && !batchChallenge.has(`${o.entity}:${o.rowId}`)) {
      batchChallenge.set(`${o.entity}:${o.rowId}`, o.value);
    }
    if (o.entity === 'milestone' && o.field === 'copied_from_id' && typeof o.value === 'string') batchCopiedFrom.set(o.rowId, o.value);
  }
  const challengeOf = (op: Op): string | null => {
    if (op.entity === 'challenge') return op.rowId;
    const stored = current(op.entity, op.rowId)?.challenge_id;
    if (typeof stored === 'string') return stored;
    return batchChallenge.get(`${op.entity}:${op.rowId}`) ?? null;
  };
  return (op: Op): RowFacts => {
    const challengeId = challengeOf(op);
    const site = challengeId ? (current('challenge', challengeId)?.site_id as string | null | undefined) : undefined;
    const row = current(op.entity, op.rowId);
    const source = op.entity === 'milestone' && row === null ? batchCopiedFrom.get(op.rowId) : undefined;
    return source === undefined
      ? { current: row, challengeSiteId: site }
      : { current: row, challengeSiteId: site, copiedFrom: current('milestone', source), copiedFromChallengeId: challengeId };
  };
}

/**
 * One sync round for one device, in ONE transaction: store the pushed ops not seen before
 * (exactly once by replica + sequence), then collect what the device lacks.
 */
export function handleSync(db: Db, device: Device, body: unknown, now = Date.now()): SyncResponse {
  const parsed = syncRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new HubError(400, 'BAD_REQUEST', `同步请求格式有误：${issues}`, `Malformed sync request: ${issues}`);
  }
  const req = parsed.data;
  if (device.replicaId !== req.replicaId) {
    throw new HubError(403, 'WRONG_REPLICA', '该令牌不属于这个副本', 'This token belongs to another replica');
  }
  if (req.schemaVersion > SCHEMA_VERSION) {
    throw new HubError(409, 'HUB_TOO_OLD', `设备数据版本 ${req.schemaVersion} 比总部新，请升级总部节点`, `The device schema ${req.schemaVersion} is newer than the hub's ${SCHEMA_VERSION}; upgrade the hub`);
  }
  const round = db.transaction((): SyncResponse => {
    let acked = ackedThrough(db, req.replicaId);
    const fresh = req.ops.filter((op) => op[0] > acked);
    const ops: Op[] = [];
    let maxStamp = '';
    for (const [i, [seq, hlc, entity, rowId, field, value, schemaVersion, tx]] of fresh.entries()) {
      if (seq !== acked + 1 + i) {
        throw new HubError(409, 'GAP', `操作序号不连续：期望 ${acked + 1 + i}，收到 ${seq}`, `Ops out of sequence: expected ${acked + 1 + i}, got ${seq}`, { acked });
      }
      const stamp = parseHlc(hlc);
      if (stamp.replicaId !== req.replicaId) throw new HubError(400, 'FOREIGN_STAMP', '操作时钟不属于该副本', `Op ${seq} carries another replica's clock`);
      if (stamp.wall > now + MAX_CLOCK_AHEAD_MS) {
        throw new HubError(400, 'ABSURD_CLOCK', `操作 ${seq} 的时间戳超前总部时钟过多`, `Op ${seq} is stamped too far ahead of the hub's clock`, { hubTime: now });
      }
      if (schemaVersion > SCHEMA_VERSION) throw new HubError(409, 'HUB_TOO_OLD', '操作来自更新的数据版本', `Op ${seq} comes from a newer schema`);
      if (!valueFitsColumn(entity, field, value)) {
        throw new HubError(400, 'BAD_OP', `操作 ${seq} 的字段或取值无效（${entity}.${field}）`, `Op ${seq} has an unknown field or a mistyped value (${entity}.${field})`);
      }
      if (rowId.length > 64 || !/^[A-Za-z0-9_-]+$/.test(rowId)) throw new HubError(400, 'BAD_OP', `操作 ${seq} 的行号无效`, `Op ${seq} has an invalid row id`);
      ops.push({ replicaId: req.replicaId, replicaSeq: seq, hlc, entity: entity as EntityName, rowId, field, value, schemaVersion, tx: tx ?? null });
      if (hlc > maxStamp) maxStamp = hlc;
    }
    // the hub's own look at authority: refused ops are recorded and reported, never applied
    const refused: Refusal[] = [];
    const actor = deviceActor(db, device);
    const facts = rowFacts(db, ops);
    const verdicts = ops.map((op): OpRefusal | null =>
      actor ? refuseOp(actor, op, facts(op)) : { code: 'NOT_ALLOWED', reason: '设备所属人员已停用或不存在', reasonEn: 'The device’s person is deactivated or unknown' },
    );
    // a user's action is refused whole: the other changes written with a refused one go with it
    const refusedGroups = new Set(ops.filter((op, i) => verdicts[i] && op.tx !== null && op.tx !== undefined).map((op) => op.tx));
    const allowed = ops.filter((op, i) => {
      const own = verdicts[i];
      const byGroup = !own && refusedGroups.has(op.tx ?? -1);
      if (!own && !byGroup) return true;
      const refusal = own ?? { code: 'WITH_REFUSED' as const, reason: '同一操作中的其他更改被拒绝', reasonEn: 'Another change made in the same action was refused' };
      refused.push({ seq: op.replicaSeq, entity: op.entity, rowId: op.rowId, field: op.field, ...refusal });
      return false;
    });
    const record = db.prepare(
      'INSERT INTO hub_refusals (replica_id, replica_seq, entity, row_id, field, code, reason, reason_en, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of refused) record.run(req.replicaId, r.seq, r.entity, r.rowId, r.field, r.code, r.reason, r.reasonEn, new Date(now).toISOString());
    if (allowed.length) applierFor(db).apply(allowed, { acked: true });
    if (ops.length) {
      const replica = loadReplica(db, now);
      replica.clock = receive(replica.clock, parseHlc(maxStamp), now);
      saveReplica(db, replica);
      acked = ops.at(-1)!.replicaSeq;
    }

    // a re-sent batch (its answer was lost) gets its refusals again
    const first = req.ops[0]?.[0];
    const refusals = first === undefined ? [] : (db
      .prepare('SELECT replica_seq AS seq, entity, row_id AS rowId, field, code, reason, reason_en AS reasonEn FROM hub_refusals WHERE replica_id = ? AND replica_seq BETWEEN ? AND ? ORDER BY replica_seq')
      .all(req.replicaId, first, acked) as Refusal[]);
    const pulled = pull(db, req.replicaId, req.cursor, req.pullBudget);
    return { v: PROTOCOL_VERSION, acked, refused: refusals, ops: pulled.ops, cursor: pulled.cursor, more: pulled.more, hubTime: now };
  });
  // a round that brings ops takes the write lock up front; a pull-only round just reads
  const response = req.ops.length ? round.immediate() : round.deferred();
  // "last seen" to the minute, outside the round: a no-op round should not cost a write
  db.prepare('UPDATE hub_devices SET last_seen_at = ? WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at < ?)').run(
    new Date(now).toISOString(), device.id, new Date(now - 60_000).toISOString(),
  );
  return response;
}

function pull(db: Db, replicaId: string, cursor: number, budget: number): { ops: PulledWireOp[]; cursor: number; more: boolean } {
  const rows = db
    .prepare(
      `SELECT log_id, replica_id, replica_seq, hlc, entity, row_id, field, value, schema_version FROM sync_ops
       WHERE log_id > ? ORDER BY log_id LIMIT ?`,
    )
    .raw()
    .iterate(cursor, MAX_PULL_ROWS + 1) as IterableIterator<[number, string, number, string, string, string, string, string, number]>;
  const ops: PulledWireOp[] = [];
  let size = 0;
  let scanned = 0;
  let next = cursor;
  for (const [logId, rid, seq, hlc, entity, rowId, field, value, schema] of rows) {
    if (scanned === MAX_PULL_ROWS || (size >= budget && ops.length > 0)) return { ops, cursor: next, more: true };
    scanned++;
    next = logId;
    if (rid === replicaId) continue; // the device has its own ops
    ops.push([rid, seq, hlc, entity as EntityName, rowId, field, JSON.parse(value) as unknown, schema]);
    size += 40 + rid.length + hlc.length + entity.length + rowId.length + field.length + value.length;
  }
  return { ops, cursor: next, more: false };
}
