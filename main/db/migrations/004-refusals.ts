import type { Migration } from './types';

/** Ops the hub refused under its authority rules: kept at both ends, visible, never silently dropped. */
export const migration004: Migration = {
  version: 4,
  name: 'sync refusals',
  up: (db) => {
    db.exec(`
      -- Hub side: received (so never re-sent) but not applied.
      CREATE TABLE hub_refusals (
        replica_id TEXT NOT NULL, replica_seq INTEGER NOT NULL, entity TEXT NOT NULL, row_id TEXT NOT NULL,
        field TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, reason_en TEXT NOT NULL, at TEXT NOT NULL,
        PRIMARY KEY (replica_id, replica_seq)
      ) WITHOUT ROWID;
      -- Device side: the hub's answer for own ops it refused; the op stays in the log, marked.
      CREATE TABLE sync_refusals (
        replica_seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,
        code TEXT NOT NULL, reason TEXT NOT NULL, reason_en TEXT NOT NULL, at TEXT NOT NULL
      );
      ALTER TABLE sync_ops ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
