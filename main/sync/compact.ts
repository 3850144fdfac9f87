import type { Db } from '../db/open';
import { SCHEMA_VERSION } from '../db/migrations';

/**
 * Compaction of the device's op log. The hub keeps every op; the device needs, per field, only
 * the newest op the hub has acknowledged (a refused change of ours is taken back to exactly that
 * value) plus everything not yet acknowledged. Older acknowledged ops of the same field are
 * dead weight: a field edited daily for a year keeps one op instead of 365. The winning clocks
 * live in field_clocks, so last-writer-wins is unaffected, and an op delivered again after
 * compaction loses to that clock. Refused ops stay (the inbox shows what was attempted), and so
 * do ops from a newer schema, which wait for the upgrade that can apply them.
 */
export interface CompactionReport {
  removed: number;
  kept: number;
}

const LAST_COMPACTION = 'sync.last_compaction_at';
export const COMPACTION_INTERVAL_MS = 24 * 3_600_000;

export function compactAckedOps(db: Db, now = new Date()): CompactionReport {
  return db.transaction(() => {
    const removed = db
      .prepare(
        `DELETE FROM sync_ops WHERE log_id IN (
           SELECT o.log_id FROM sync_ops o
           JOIN (SELECT entity, row_id, field, max(hlc) AS top FROM sync_ops
                 WHERE acked = 1 AND refused = 0 AND schema_version <= @schema GROUP BY entity, row_id, field) w
             ON w.entity = o.entity AND w.row_id = o.row_id AND w.field = o.field
           WHERE o.acked = 1 AND o.refused = 0 AND o.schema_version <= @schema AND o.hlc < w.top)`,
      )
      .run({ schema: SCHEMA_VERSION }).changes;
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(LAST_COMPACTION, now.toISOString());
    const kept = db.prepare('SELECT count(*) FROM sync_ops').pluck().get() as number;
    return { removed, kept };
  })();
}

/** Compacts at most once a day (called after a successful sync); null when it was not due. */
export function compactIfDue(db: Db, now = new Date(), intervalMs = COMPACTION_INTERVAL_MS): CompactionReport | null {
  const last = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LAST_COMPACTION) as string | undefined;
  if (last && now.getTime() - Date.parse(last) < intervalMs) return null;
  return compactAckedOps(db, now);
}
