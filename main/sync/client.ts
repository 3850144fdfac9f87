import type { SyncStatusEvent } from '../contract/result';
import type { Db } from '../db/open';
import type { EntityName } from '../db/entities';
import { SCHEMA_VERSION } from '../db/migrations';
import { applyDeferredOps } from './deferred';
import { refoldStatus } from './status-fold';
import { parseHlc, receive } from './hlc';
import type { Op } from './oplog';
import { applierFor } from './oplog';
import type { ColumnKind } from '../db/entities';
import { ENTITIES, isEntityName, isField } from '../db/entities';
import { encodeValue } from './codec';
import type { EnrolResponse, Refusal, SyncResponse, WireOp } from './protocol';
import { MAX_BODY_BYTES, PROTOCOL_VERSION } from './protocol';
import { loadReplica, saveReplica } from './replica';
import type { BodyEncoding } from './wire';
import { PREFERRED_ENCODING, decodeBody, encodeBody } from './wire';
import { leanFetch } from './http';

/**
 * The device side of sync, Electron-free. A round pushes one bounded batch of unacknowledged ops
 * and pulls what the device lacks; each answer is applied in ONE transaction, so a cut link costs
 * at most the batch in flight, and nothing is marked sent before the hub confirms it.
 */
export interface Peer {
  hubUrl: string;
  deviceId: string;
  token: string;
  cursor: number;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export class SyncError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export function getPeer(db: Db): Peer | null {
  const row = db.prepare('SELECT hub_url, device_id, token, cursor, last_success_at, last_error FROM sync_peer').get() as Record<string, unknown> | undefined;
  if (!row) return null;
  return {
    hubUrl: row.hub_url as string, deviceId: row.device_id as string, token: row.token as string, cursor: row.cursor as number,
    lastSuccessAt: (row.last_success_at as string | null) ?? null, lastError: (row.last_error as string | null) ?? null,
  };
}

export interface Transport {
  fetch: typeof fetch;
  encoding?: BodyEncoding;
  timeoutMs?: number;
}

async function post(transport: Transport, url: string, body: unknown, token?: string): Promise<{ value: unknown; sent: number; received: number }> {
  const encoding = transport.encoding ?? PREFERRED_ENCODING;
  const payload = encodeBody(body, encoding);
  if (payload.length > MAX_BODY_BYTES) throw new SyncError(413, 'TOO_LARGE', 'batch exceeds the 1 MB request limit');
  // the hub answers in the encoding the request used; an identity request asks for zstd or brotli
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (encoding === 'identity') headers['X-Accept-Body-Encoding'] = 'zstd, br';
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await transport.fetch(url, {
    method: 'POST',
    headers,
    body: new Uint8Array(payload),
    signal: AbortSignal.timeout(transport.timeoutMs ?? 120_000),
  });
  const raw = Buffer.from(await res.arrayBuffer());
  const value = decodeBody(raw, res.headers.get('x-body-encoding') ?? undefined) as Record<string, unknown>;
  if (!res.ok) {
    const error = (value.error ?? {}) as { code?: string; messageEn?: string; message?: string; details?: Record<string, unknown> };
    throw new SyncError(res.status, error.code ?? 'HTTP', `${error.message ?? ''} / ${error.messageEn ?? res.statusText}`, error.details);
  }
  return { value, sent: payload.length, received: raw.length };
}

/** Trades a one-time enrolment code for a device token; this database then syncs with that hub as that person. */
export async function enrol(db: Db, hubUrl: string, code: string, transport: Transport = { fetch: leanFetch }): Promise<EnrolResponse> {
  const replica = loadReplica(db);
  if (!getPeer(db) && pendingOwnOps(db) > 0) {
    // e.g. the demo data: pushing it would plant a second copy of everything at HQ
    throw new SyncError(0, 'LOCAL_DATA', '本数据库已有从未同步的本地数据（例如演示数据），不能注册；请用新的空数据库注册 / This database holds local data that was never synced (such as the demo); enrol a new, empty database');
  }
  const { value } = await post(transport, new URL('/v1/enrol', hubUrl).href, { code, replicaId: replica.id });
  const answer = value as EnrolResponse;
  db.transaction(() => {
    db.prepare('DELETE FROM sync_peer').run();
    db.prepare('INSERT INTO sync_peer (hub_url, device_id, token, cursor) VALUES (?, ?, ?, 0)').run(hubUrl, answer.deviceId, answer.token);
    db.prepare("INSERT INTO settings (key, value) VALUES ('current_person_id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(answer.personId);
  }).immediate();
  return answer;
}

/** The oldest unacknowledged own ops, up to about `maxBytes` of JSON. */
export function pendingBatch(db: Db, replicaId: string, maxBytes: number): WireOp[] {
  const rows = db
    .prepare('SELECT replica_seq, hlc, entity, row_id, field, value, schema_version, tx FROM sync_ops WHERE replica_id = ? AND acked = 0 ORDER BY replica_seq')
    .raw()
    .iterate(replicaId) as IterableIterator<[number, string, string, string, string, string, number, number | null]>;
  const batch: WireOp[] = [];
  let size = 0;
  for (const [seq, hlc, entity, rowId, field, value, schema, tx] of rows) {
    const cost = 36 + hlc.length + entity.length + rowId.length + field.length + value.length;
    // a batch never splits a write (a write is small), so the hub sees each action whole
    if (batch.length > 0 && size + cost > maxBytes && (tx === null || tx === seq)) break;
    batch.push([seq, hlc, entity as EntityName, rowId, field, JSON.parse(value) as unknown, schema, tx]);
    size += cost;
  }
  return batch;
}

/** The sync state as stored in the database (no round in flight): what the status line shows at rest. */
export function storedSyncStatus(db: Db): SyncStatusEvent {
  const peer = getPeer(db);
  return {
    link: peer ? (peer.lastError ? 'offline' : 'online') : 'local-only',
    pendingOps: pendingOwnOps(db),
    lastSyncAt: peer?.lastSuccessAt ?? null,
    lastError: peer?.lastError ?? null,
    nextAttemptAt: null,
    refused: refusalCount(db),
    conflicts: db.prepare('SELECT count(*) FROM status_conflicts').pluck().get() as number,
    transfer: null,
  };
}

export function refusalCount(db: Db): number {
  return db.prepare('SELECT count(*) FROM sync_refusals').pluck().get() as number;
}

export function pendingOwnOps(db: Db): number {
  return db.prepare('SELECT count(*) FROM sync_ops WHERE acked = 0 AND replica_id = (SELECT id FROM replica)').pluck().get() as number;
}

export interface SyncReport {
  rounds: number;
  refused: number;
  pushed: number;
  pulled: number;
  bytesSent: number;
  bytesReceived: number;
  cursor: number;
  pending: number;
  hubTime: number | null;
}

export interface SyncOptions extends Partial<Transport> {
  /** uncompressed JSON bytes of ops per push (the request stays far under 1 MB compressed) */
  batchBytes?: number;
  pullBudget?: number;
  now?: () => number;
  /** safety valve for a single call; the caller's scheduler runs the next one */
  maxRounds?: number;
  /** after each round (the status line shows a long sync's progress) */
  onRound?: (report: Readonly<SyncReport>) => void;
}

/**
 * Takes back a refused op locally: the field returns to the newest value no refused op set (or to
 * nothing), and a row that only refused ops created disappears — the device matches the hub again,
 * while the refusal itself stays on record for the user.
 */
function revertRefused(db: Db, replicaId: string, refusals: readonly Refusal[], now: number): void {
  const mark = db.prepare('UPDATE sync_ops SET refused = 1 WHERE replica_id = ? AND replica_seq = ?');
  const record = db.prepare(
    'INSERT OR IGNORE INTO sync_refusals (replica_seq, entity, row_id, field, code, reason, reason_en, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const touched = new Map<string, { entity: EntityName; rowId: string; fields: Set<string> }>();
  for (const r of refusals) {
    if (!isEntityName(r.entity) || !isField(r.entity, r.field)) continue;
    mark.run(replicaId, r.seq);
    record.run(r.seq, r.entity, r.rowId, r.field, r.code, r.reason, r.reasonEn, new Date(now).toISOString());
    const key = `${r.entity}:${r.rowId}`;
    if (!touched.has(key)) touched.set(key, { entity: r.entity, rowId: r.rowId, fields: new Set() });
    touched.get(key)!.fields.add(r.field);
  }
  // a refused transition's 留痕 goes with it: note which rows it moved before it is removed
  const eventTargets = [...touched.values()]
    .filter((t) => t.entity === 'event')
    .map((t) => db.prepare('SELECT entity, entity_id FROM events WHERE id = ?').get(t.rowId) as { entity: string; entity_id: string } | undefined);
  for (const { entity, rowId, fields } of touched.values()) {
    const def = ENTITIES[entity];
    const survivors = db.prepare('SELECT count(*) FROM sync_ops WHERE entity = ? AND row_id = ? AND refused = 0').pluck().get(entity, rowId) as number;
    if (survivors === 0) {
      db.prepare(`DELETE FROM ${def.table} WHERE id = ?`).run(rowId);
      db.prepare('DELETE FROM field_clocks WHERE entity = ? AND row_id = ?').run(entity, rowId);
      continue;
    }
    for (const field of fields) {
      const best = db
        .prepare('SELECT hlc, value FROM sync_ops WHERE entity = ? AND row_id = ? AND field = ? AND refused = 0 ORDER BY hlc DESC LIMIT 1')
        .get(entity, rowId, field) as { hlc: string; value: string } | undefined;
      const kind = (def.columns as Record<string, ColumnKind>)[field] as ColumnKind;
      // field names come from the registry (checked above), values are bound
      db.prepare(`UPDATE ${def.table} SET ${field} = ? WHERE id = ?`).run(best ? encodeValue(kind, JSON.parse(best.value)) : null, rowId);
      if (def.appendOnly) continue;
      if (best) db.prepare('UPDATE field_clocks SET hlc = ? WHERE entity = ? AND row_id = ? AND field = ?').run(best.hlc, entity, rowId, field);
      else db.prepare('DELETE FROM field_clocks WHERE entity = ? AND row_id = ? AND field = ?').run(entity, rowId, field);
    }
    if (fields.has('status')) refoldStatus(db, entity, rowId);
  }
  // …and those rows fold again without it
  for (const target of eventTargets) if (target) refoldStatus(db, target.entity, target.entity_id);
}

/** Applies one answer atomically: acknowledgement, refusals, pulled ops, clock and cursor commit together. */
export function applyResponse(db: Db, replicaId: string, res: SyncResponse, now: number): void {
  db.transaction(() => {
    db.prepare('UPDATE sync_ops SET acked = 1 WHERE replica_id = ? AND replica_seq <= ? AND acked = 0').run(replicaId, res.acked);
    if (res.refused.length) revertRefused(db, replicaId, res.refused, now);
    if (res.ops.length) {
      const ops: Op[] = res.ops.map(([rid, seq, hlc, entity, rowId, field, value, schemaVersion]) => ({
        replicaId: rid, replicaSeq: seq, hlc, entity: entity as EntityName, rowId, field, value, schemaVersion,
      }));
      applierFor(db).apply(ops, { acked: true });
      const newest = ops.reduce((max, op) => (op.hlc > max ? op.hlc : max), ops[0]!.hlc);
      const replica = loadReplica(db, now);
      replica.clock = receive(replica.clock, parseHlc(newest), now);
      saveReplica(db, replica);
    }
    db.prepare('UPDATE sync_peer SET cursor = ?, last_success_at = ?, last_error = NULL').run(res.cursor, new Date(now).toISOString());
  }).immediate();
}

/** Syncs until nothing is left to push or pull (or maxRounds). Throws SyncError / network errors; progress so far is kept. */
export async function syncOnce(db: Db, options: SyncOptions = {}): Promise<SyncReport> {
  const peer = getPeer(db);
  if (!peer) throw new SyncError(0, 'NOT_ENROLLED', 'this database is not enrolled with a hub; run `jiebang enrol` first');
  const transport: Transport = { fetch: options.fetch ?? leanFetch, encoding: options.encoding, timeoutMs: options.timeoutMs };
  const now = options.now ?? Date.now;
  const replicaId = loadReplica(db).id;
  applyDeferredOps(db);
  const report: SyncReport = { rounds: 0, refused: 0, pushed: 0, pulled: 0, bytesSent: 0, bytesReceived: 0, cursor: peer.cursor, pending: 0, hubTime: null };
  const url = new URL('/v1/sync', peer.hubUrl).href;
  try {
    for (let round = 0; round < (options.maxRounds ?? 1000); round++) {
      const ops = pendingBatch(db, replicaId, options.batchBytes ?? 200_000);
      const cursor = getPeer(db)!.cursor;
      // the default pull budget is the hub's default too: not sending it saves bytes on every round
      const body = { v: PROTOCOL_VERSION, replicaId, schemaVersion: SCHEMA_VERSION, cursor, ops, ...(options.pullBudget ? { pullBudget: options.pullBudget } : {}) };
      const answer = await post(transport, url, body, peer.token);
      const res = answer.value as SyncResponse;
      applyResponse(db, replicaId, res, now());
      report.rounds++;
      report.pushed += ops.filter((op) => op[0] <= res.acked).length - res.refused.length;
      report.pulled += res.ops.length;
      report.refused += res.refused.length;
      report.bytesSent += answer.sent;
      report.bytesReceived += answer.received;
      report.cursor = res.cursor;
      report.hubTime = res.hubTime;
      options.onRound?.(report);
      if (!res.more && pendingOwnOps(db) === 0) break;
    }
  } catch (err) {
    db.prepare('UPDATE sync_peer SET last_error = ?').run(err instanceof Error ? err.message : String(err));
    throw err;
  }
  report.pending = pendingOwnOps(db);
  return report;
}
