import type { Migration } from './types';

/** Sync bookkeeping: the device's link to its hub, and the hub's enrolled devices. */
export const migration003: Migration = {
  version: 3,
  name: 'sync state',
  up: (db) => {
    db.exec(`
      -- Device side: where this replica syncs to and how far it has pulled (one row at most).
      CREATE TABLE sync_peer (
        hub_url TEXT NOT NULL, device_id TEXT NOT NULL, token TEXT NOT NULL,
        cursor INTEGER NOT NULL DEFAULT 0, last_success_at TEXT, last_error TEXT
      );
      -- Hub side: enrolled devices (tokens stored only as sha256) and one-time enrolment codes.
      CREATE TABLE hub_devices (
        id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, replica_id TEXT UNIQUE, person_id TEXT NOT NULL,
        site_id TEXT NOT NULL, label TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT, last_seen_at TEXT
      );
      CREATE TABLE hub_enrolments (
        code_hash TEXT PRIMARY KEY, person_id TEXT NOT NULL, site_id TEXT NOT NULL, label TEXT NOT NULL,
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT, device_id TEXT
      );
    `);
  },
};
