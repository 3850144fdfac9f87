import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';
import type { ColumnKind, EntityName } from '../db/entities';
import { ENTITIES } from '../db/entities';
import { SCHEMA_VERSION } from '../db/migrations';
import { encodeValue } from './codec';
import { FOLDED_ENTITIES, refoldStatus } from './status-fold';

/** One field change: the unit of sync (DESIGN.md §3). `value` is the domain value (JSON-safe). */
export interface Op {
  replicaId: string;
  replicaSeq: number;
  hlc: string;
  entity: EntityName;
  rowId: string;
  /** the column name */
  field: string;
  value: unknown;
  schemaVersion: number;
  /** the sequence of the first op of the same local write (ops written together are refused together) */
  tx?: number | null;
}

type Stmt = Statement<unknown[]>;

/**
 * Applies ops to the entity tables: last writer wins per field by clock stamp; append-only
 * records are written once. Deterministic and order-independent, so any replica applying the
 * same set of ops reaches the same state. Runs inside the caller's transaction.
 */
export class OpApplier {
  private readonly upserts = new Map<string, Stmt>();
  private readonly getClock: Stmt;
  private readonly setClock: Stmt;
  private readonly logOp: Stmt;

  constructor(private readonly db: Db) {
    this.getClock = db.prepare('SELECT hlc FROM field_clocks WHERE entity = ? AND row_id = ? AND field = ?').pluck();
    this.setClock = db.prepare(
      'INSERT INTO field_clocks (entity, row_id, field, hlc) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (entity, row_id, field) DO UPDATE SET hlc = excluded.hlc',
    );
    this.logOp = db.prepare(
      'INSERT INTO sync_ops (replica_id, replica_seq, hlc, entity, row_id, field, value, schema_version, acked, tx) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (replica_id, replica_seq) DO NOTHING',
    );
  }

  /**
   * Logs ops and applies the winners. Returns the number of ops newly logged (duplicates are skipped).
   * `acked`: the ops are already at the hub (received from it, or applied by the hub itself).
   */
  apply(ops: readonly Op[], options: { acked?: boolean } = {}): number {
    const acked = options.acked ? 1 : 0;
    const fresh: Op[] = [];
    for (const op of ops) {
      const changes = this.logOp.run(
        op.replicaId, op.replicaSeq, op.hlc, op.entity, op.rowId, op.field, JSON.stringify(op.value ?? null),
        op.schemaVersion, acked, op.tx ?? null,
      ).changes;
      if (changes === 0) continue; // already applied once: exactly-once by (replica, seq)
      fresh.push(op);
    }
    this.applyLogged(fresh);
    return fresh.length;
  }

  /**
   * Applies ops that are already in the log. Ops from a schema newer than `upTo` may name fields
   * this version lacks: they stay in the log, unapplied, until an upgrade replays them.
   */
  applyLogged(ops: readonly Op[], upTo = SCHEMA_VERSION): void {
    const winners = new Map<string, { entity: EntityName; rowId: string; fields: Map<string, unknown> }>();
    for (const op of ops) {
      if (op.schemaVersion > upTo) continue;
      const def = ENTITIES[op.entity];
      if (!def.appendOnly) {
        const current = this.getClock.get(op.entity, op.rowId, op.field) as string | undefined;
        if (current !== undefined && current >= op.hlc) continue;
        this.setClock.run(op.entity, op.rowId, op.field, op.hlc);
      }
      const key = `${op.entity}\u0000${op.rowId}`;
      let row = winners.get(key);
      if (!row) winners.set(key, (row = { entity: op.entity, rowId: op.rowId, fields: new Map() }));
      row.fields.set(op.field, op.value);
    }
    for (const row of winners.values()) this.writeRow(row.entity, row.rowId, row.fields);
    this.refoldTouched(winners.values());
  }

  /** Statuses are folded from transition events: refold every row a new event or status op touched. */
  private refoldTouched(rows: Iterable<{ entity: EntityName; rowId: string; fields: Map<string, unknown> }>): void {
    const touched = new Map<string, { entity: string; rowId: string }>();
    for (const row of rows) {
      if (row.entity === 'event') {
        const entity = row.fields.get('entity');
        const rowId = row.fields.get('entity_id');
        if (typeof entity === 'string' && typeof rowId === 'string' && FOLDED_ENTITIES.has(entity)) touched.set(`${entity}:${rowId}`, { entity, rowId });
      } else if (FOLDED_ENTITIES.has(row.entity) && row.fields.has('status')) {
        touched.set(`${row.entity}:${row.rowId}`, { entity: row.entity, rowId: row.rowId });
      }
    }
    for (const { entity, rowId } of touched.values()) refoldStatus(this.db, entity, rowId);
  }

  private writeRow(entity: EntityName, rowId: string, fields: Map<string, unknown>): void {
    const def = ENTITIES[entity];
    const columns = [...fields.keys()].sort();
    const key = `${entity}:${columns.join(',')}`;
    let stmt = this.upserts.get(key);
    if (!stmt) {
      // column names come only from the entity registry, never from input
      const list = columns.join(', ');
      const marks = columns.map(() => '?').join(', ');
      const set = columns.map((c) => `${c} = excluded.${c}`).join(', ');
      stmt = this.db.prepare(
        `INSERT INTO ${def.table} (id, ${list}) VALUES (?, ${marks}) ON CONFLICT (id) DO UPDATE SET ${set}`,
      );
      this.upserts.set(key, stmt);
    }
    const kinds = def.columns as Record<string, ColumnKind>;
    stmt.run(rowId, ...columns.map((c) => encodeValue(kinds[c] as ColumnKind, fields.get(c))));
  }
}

const appliers = new WeakMap<Db, OpApplier>();

/** One applier per connection, so its prepared statements are reused across writes. */
export function applierFor(db: Db): OpApplier {
  let applier = appliers.get(db);
  if (!applier) appliers.set(db, (applier = new OpApplier(db)));
  return applier;
}

/** The op log in application order, without the ops the hub refused: what a replay applies. */
export function readOps(db: Db): Op[] {
  const sql =
    'SELECT replica_id, replica_seq, hlc, entity, row_id, field, value, schema_version, tx FROM sync_ops WHERE refused = 0 ORDER BY log_id';
  return (db.prepare(sql).all() as Record<string, unknown>[]).map((r) => ({
    replicaId: r.replica_id as string,
    replicaSeq: r.replica_seq as number,
    hlc: r.hlc as string,
    entity: r.entity as EntityName,
    rowId: r.row_id as string,
    field: r.field as string,
    value: JSON.parse(r.value as string) as unknown,
    schemaVersion: r.schema_version as number,
    tx: (r.tx as number | null) ?? null,
  }));
}
