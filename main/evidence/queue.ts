import type { Db } from '../db/open';
import type { AttachmentOwner } from '../domain/entities';

/**
 * The device's transfer queue: one row per blob and direction, with its state and how far it got.
 * Local only (never synced): what matters to HQ is the attachment row, which syncs as ops.
 */
export type TransferKind = 'thumb' | 'original';
export type TransferState = 'queued' | 'active' | 'done' | 'failed' | 'cancelled';
export type Direction = 'up' | 'down';

export interface Transfer {
  sha256: string;
  direction: Direction;
  kind: TransferKind;
  size: number;
  priority: number;
  state: TransferState;
  uploadUrl: string | null;
  offset: number;
  bytesSent: number;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
}

/**
 * Lower moves first. Thumbnails before any original; then originals by what they prove: an
 * acceptance request's evidence, a milestone's deliverable, then the daily log. "Send now" beats all.
 */
export const PRIORITY = { now: -10, thumb: 0, acceptance: 10, milestone: 20, progress: 30, download: 50 } as const;

export const originalPriority = (owner: AttachmentOwner): number => PRIORITY[owner];

const COLUMNS = `sha256, direction, kind, size, priority, state, upload_url AS uploadUrl, offset, bytes_sent AS bytesSent,
  attempts, last_error AS lastError, created_at AS createdAt, updated_at AS updatedAt, done_at AS doneAt`;

/** Queues a blob (inside the caller's transaction); a blob already queued keeps its progress and takes the better priority. */
export function enqueue(db: Db, t: { sha256: string; direction: Direction; kind: TransferKind; size: number; priority: number; now: string }): void {
  db.prepare(
    `INSERT INTO evidence_transfers (sha256, direction, kind, size, priority, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)
     ON CONFLICT (sha256, direction) DO UPDATE SET
       priority = min(priority, excluded.priority),
       state = CASE WHEN state IN ('cancelled', 'failed') THEN 'queued' ELSE state END,
       attempts = CASE WHEN state IN ('cancelled', 'failed') THEN 0 ELSE attempts END,
       updated_at = excluded.updated_at`,
  ).run(t.sha256, t.direction, t.kind, t.size, t.priority, t.now, t.now);
}

export function getTransfer(db: Db, sha256: string, direction: Direction): Transfer | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM evidence_transfers WHERE sha256 = ? AND direction = ?`).get(sha256, direction) as Transfer | undefined) ?? null;
}

/** The next blob to move in `direction`, best priority first, oldest first among equals. */
export function nextTransfer(db: Db, direction: Direction, kinds: readonly TransferKind[] = ['thumb', 'original'], skip: ReadonlySet<string> = new Set()): Transfer | null {
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM evidence_transfers WHERE direction = ? AND state IN ('queued', 'active')
       ORDER BY priority, created_at, sha256 LIMIT ?`,
    )
    .all(direction, skip.size + 50) as Transfer[];
  return rows.find((t) => kinds.includes(t.kind) && !skip.has(t.sha256)) ?? null;
}

export function updateTransfer(db: Db, sha256: string, direction: Direction, change: Partial<Pick<Transfer, 'state' | 'uploadUrl' | 'offset' | 'lastError' | 'attempts'>> & { addSent?: number; now: string }): void {
  db.prepare(
    `UPDATE evidence_transfers SET
       state = coalesce(?, state),
       upload_url = CASE WHEN ? THEN ? ELSE upload_url END,
       offset = coalesce(?, offset),
       last_error = CASE WHEN ? THEN ? ELSE last_error END,
       attempts = coalesce(?, attempts),
       bytes_sent = bytes_sent + ?,
       updated_at = ?,
       done_at = CASE WHEN ? = 'done' THEN ? ELSE done_at END
     WHERE sha256 = ? AND direction = ?`,
  ).run(
    change.state ?? null,
    change.uploadUrl !== undefined ? 1 : 0, change.uploadUrl ?? null,
    change.offset ?? null,
    change.lastError !== undefined ? 1 : 0, change.lastError ?? null,
    change.attempts ?? null,
    change.addSent ?? 0,
    change.now,
    change.state ?? null, change.now,
    sha256, direction,
  );
}

/** Raises a blob to the front of the queue (the user's "send this one now"). */
export function prioritize(db: Db, sha256: string, now: string): boolean {
  return db
    .prepare(`UPDATE evidence_transfers SET priority = ?, state = CASE WHEN state IN ('failed', 'cancelled') THEN 'queued' ELSE state END, updated_at = ? WHERE sha256 = ? AND state != 'done'`)
    .run(PRIORITY.now, now, sha256).changes > 0;
}

/** Stops queued uploads no live attachment needs any more (the evidence was removed before it left). */
export function cancelUnreferenced(db: Db, now: string): number {
  return db
    .prepare(
      `UPDATE evidence_transfers SET state = 'cancelled', updated_at = ?
       WHERE direction = 'up' AND state IN ('queued', 'active', 'failed')
         AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.removed_at IS NULL AND (a.sha256 = evidence_transfers.sha256 OR a.thumb_sha256 = evidence_transfers.sha256))`,
    )
    .run(now).changes;
}

export function listTransfers(db: Db, options: { includeDone?: boolean; limit?: number } = {}): Transfer[] {
  const where = options.includeDone ? '' : "WHERE state NOT IN ('done', 'cancelled')";
  return db.prepare(`SELECT ${COLUMNS} FROM evidence_transfers ${where} ORDER BY direction DESC, priority, created_at LIMIT ?`).all(options.limit ?? 500) as Transfer[];
}

export interface QueueTotals {
  files: number;
  bytes: number;
  /** bytes still to move (size less what the hub already holds of each) */
  remainingBytes: number;
  failed: number;
}

export function queueTotals(db: Db, direction: Direction = 'up'): QueueTotals {
  const row = db
    .prepare(
      `SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes, coalesce(sum(size - offset), 0) AS remainingBytes,
              coalesce(sum(state = 'failed'), 0) AS failed
       FROM evidence_transfers WHERE direction = ? AND state IN ('queued', 'active', 'failed')`,
    )
    .get(direction) as QueueTotals;
  return row;
}
