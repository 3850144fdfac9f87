import type { Migration } from './types';

/**
 * Evidence 佐证材料 (issue 5). Attachments learn their challenge and site (so the hub's authority check
 * knows whose they are), their thumbnail (a blob of its own) and a removal mark; the removal mark is
 * a mutable field, so attachments now carry field clocks like other mutable rows. Blobs live outside
 * the database, content-addressed by sha256: the device keeps a queue of what still has to move, the
 * hub a list of what it holds.
 */
export const migration009: Migration = {
  version: 9,
  name: 'evidence',
  up: (db) => {
    db.exec(`
      ALTER TABLE attachments ADD COLUMN challenge_id TEXT;
      ALTER TABLE attachments ADD COLUMN site_id TEXT;
      ALTER TABLE attachments ADD COLUMN thumb_sha256 TEXT;
      ALTER TABLE attachments ADD COLUMN thumb_size INTEGER;
      ALTER TABLE attachments ADD COLUMN width INTEGER;
      ALTER TABLE attachments ADD COLUMN height INTEGER;
      ALTER TABLE attachments ADD COLUMN removed_at TEXT;
      ALTER TABLE attachments ADD COLUMN removed_by TEXT;
      CREATE INDEX attachments_sha ON attachments(sha256);
      CREATE INDEX attachments_thumb ON attachments(thumb_sha256);
      CREATE INDEX attachments_challenge ON attachments(challenge_id);

      -- Device side: every blob that still has to reach the hub (or come from it), one row per blob and direction.
      CREATE TABLE evidence_transfers (
        sha256 TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('up', 'down')),
        kind TEXT NOT NULL CHECK (kind IN ('thumb', 'original')),
        size INTEGER NOT NULL,
        -- lower moves first: thumbnails, then originals by what they prove; a user's "send now" jumps the queue
        priority INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'active', 'done', 'failed', 'cancelled')),
        upload_url TEXT,
        offset INTEGER NOT NULL DEFAULT 0,
        -- file bytes put on the wire for this blob, re-sends included: the cost of cuts
        bytes_sent INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        done_at TEXT,
        PRIMARY KEY (sha256, direction)
      ) WITHOUT ROWID;
      CREATE INDEX evidence_transfers_next ON evidence_transfers(direction, state, priority, created_at);

      -- Hub side: the blobs it holds, verified by sha256 before they were accepted.
      CREATE TABLE hub_blobs (
        sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, device_id TEXT, stored_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX hub_blobs_device ON hub_blobs(device_id, stored_at);
    `);
  },
};
