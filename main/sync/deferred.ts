import type { Db } from '../db/open';
import type { EntityName } from '../db/entities';
import { SCHEMA_VERSION } from '../db/migrations';
import type { Op } from './oplog';
import { applierFor } from './oplog';

/**
 * Ops pulled from a newer schema than the app's (another site upgraded first) are kept in the log
 * but not applied: they may name fields this version lacks. After the app is upgraded, the ops
 * its new schema understands are applied from the log — nothing is lost and nothing is fetched again.
 */
const APPLIED_UP_TO = 'sync.ops_applied_up_to_schema';

export function applyDeferredOps(db: Db, current = SCHEMA_VERSION): number {
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(APPLIED_UP_TO) as string | undefined;
  const setDone = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  // a database that never recorded it was written by a version that applied everything it received
  if (stored === undefined) {
    setDone.run(APPLIED_UP_TO, String(current));
    return 0;
  }
  const done = Number(stored);
  if (!(done < current)) return 0;
  return db.transaction(() => {
    const rows = db
      .prepare(
        `SELECT replica_id, replica_seq, hlc, entity, row_id, field, value, schema_version FROM sync_ops
         WHERE schema_version > ? AND schema_version <= ? AND refused = 0 ORDER BY log_id`,
      )
      .all(done, current) as Record<string, unknown>[];
    const ops: Op[] = rows.map((r) => ({
      replicaId: r.replica_id as string,
      replicaSeq: r.replica_seq as number,
      hlc: r.hlc as string,
      entity: r.entity as EntityName,
      rowId: r.row_id as string,
      field: r.field as string,
      value: JSON.parse(r.value as string) as unknown,
      schemaVersion: r.schema_version as number,
    }));
    applierFor(db).applyLogged(ops, current);
    setDone.run(APPLIED_UP_TO, String(current));
    return ops.length;
  })();
}
