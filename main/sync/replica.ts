import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import type { Hlc } from './hlc';
import { formatHlc, parseHlc } from './hlc';

/** This install's identity and clock, kept in the `replica` table and advanced inside write transactions. */
export interface ReplicaState {
  id: string;
  clock: Hlc;
  nextSeq: number;
}

export function newReplicaId(): string {
  return randomBytes(9).toString('base64url');
}

/** Reads this database's replica row, creating it on first use. */
export function loadReplica(db: Db, now = Date.now()): ReplicaState {
  const row = db.prepare('SELECT id, last_hlc, next_seq FROM replica').get() as
    | { id: string; last_hlc: string; next_seq: number }
    | undefined;
  if (row) return { id: row.id, clock: parseHlc(row.last_hlc), nextSeq: row.next_seq };
  const id = newReplicaId();
  const clock: Hlc = { wall: 0, counter: 0, replicaId: id };
  db.prepare('INSERT INTO replica (id, last_hlc, next_seq, created_at) VALUES (?, ?, 1, ?)').run(
    id, formatHlc(clock), new Date(now).toISOString(),
  );
  return { id, clock, nextSeq: 1 };
}

export function saveReplica(db: Db, state: ReplicaState): void {
  db.prepare('UPDATE replica SET last_hlc = ?, next_seq = ?').run(formatHlc(state.clock), state.nextSeq);
}
