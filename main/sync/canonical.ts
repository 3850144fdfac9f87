import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import { ENTITIES, ENTITY_NAMES } from '../db/entities';

/**
 * A hash of the replicated state: every entity table, rows ordered by id, columns in registry
 * order. Two databases with the same hash hold the same data. Local-only tables (op log, clocks,
 * settings, search index) are not part of it.
 */
export function canonicalStateHash(db: Db): string {
  const hash = createHash('sha256');
  for (const entity of [...ENTITY_NAMES].sort()) {
    const def = ENTITIES[entity];
    const columns = ['id', ...Object.keys(def.columns)];
    hash.update(`#${entity}\n`);
    const stmt = db.prepare(`SELECT ${columns.join(', ')} FROM ${def.table} ORDER BY id`).raw();
    for (const row of stmt.iterate()) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}
