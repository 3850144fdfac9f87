import type { Migration } from './types';

/**
 * Transitions that did not apply when a row's status was folded from its events (main/domain/status-fold.ts):
 * derived on every replica from the same events, so never synced; listed for people to settle.
 */
export const migration007: Migration = {
  version: 7,
  name: 'status conflicts',
  up: (db) => {
    db.exec(`
      CREATE TABLE status_conflicts (
        event_id TEXT PRIMARY KEY,
        entity TEXT NOT NULL,
        row_id TEXT NOT NULL,
        challenge_id TEXT,
        action TEXT NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        found_status TEXT NOT NULL,
        actor_id TEXT,
        hlc TEXT NOT NULL
      );
      CREATE INDEX status_conflicts_row ON status_conflicts(entity, row_id);
    `);
  },
};
