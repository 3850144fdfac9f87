import type { Db } from '../db/open';
import type { EntityName } from '../db/entities';
import { ENTITIES } from '../db/entities';
import { foldStatus } from '../domain/status-fold';
import type { TransitionEvent } from '../domain/status-fold';

/** The entities whose status is a state machine (main/domain/machines.ts). */
export const FOLDED_ENTITIES: ReadonlySet<string> = new Set<EntityName>(['challenge', 'claim', 'pledge', 'milestone']);

interface EventRow {
  id: string;
  hlc: string;
  action: string;
  detail: string | null;
  challenge_id: string | null;
  actor_id: string | null;
}

/**
 * Sets a row's status to the fold of its transition events and records the transitions that did
 * not apply. Writes no ops: every replica derives the same from the same events.
 */
export function refoldStatus(db: Db, entity: string, rowId: string): void {
  if (!FOLDED_ENTITIES.has(entity)) return;
  const rows = db
    .prepare('SELECT id, hlc, action, detail, challenge_id, actor_id FROM events WHERE entity_id = ? AND entity = ?')
    .all(rowId, entity) as EventRow[];
  const events: (TransitionEvent & { row: EventRow })[] = [];
  for (const row of rows) {
    const detail = row.detail ? (JSON.parse(row.detail) as Record<string, unknown> | null) : null;
    if (detail && typeof detail.from === 'string' && typeof detail.to === 'string') {
      events.push({ id: row.id, hlc: row.hlc, action: row.action, from: detail.from, to: detail.to, row });
    }
  }
  const { status, conflicts } = foldStatus(events);
  db.prepare('DELETE FROM status_conflicts WHERE entity = ? AND row_id = ?').run(entity, rowId);
  if (status === null) return;
  // the table name comes from the registry, the values are bound
  db.prepare(`UPDATE ${ENTITIES[entity as EntityName].table} SET status = ? WHERE id = ? AND status IS NOT ?`).run(status, rowId, status);
  const record = db.prepare(
    `INSERT INTO status_conflicts (event_id, entity, row_id, challenge_id, action, from_status, to_status, found_status, actor_id, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const { event, found } of conflicts) {
    const row = (event as TransitionEvent & { row: EventRow }).row;
    record.run(event.id, entity, rowId, row.challenge_id, event.action, event.from, event.to, found, row.actor_id, event.hlc);
  }
}
