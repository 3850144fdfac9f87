import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openDatabase } from '../../main/db/open';
import type { BuildOptions } from './build';
import { buildStore } from './build';

/**
 * One builder thread: builds its shard of the store (see build.ts) into its own file, with the
 * build-only pragmas, and reports progress and the final counts to the main thread.
 */
export interface ShardJob extends Omit<BuildOptions, 'progress'> {
  file: string;
  /** shard 0 writes into the store itself, which the main thread has created and migrated */
  create: boolean;
  pragmas: string[];
}

const job = workerData as ShardJob;
// the target exists and is migrated (shard 0) or is a fresh scratch file migrated here
const db = job.create ? openDatabase(job.file) : new Database(job.file);
for (const p of job.pragmas) db.pragma(p);
if (job.create) {
  // A scratch shard is only read back by INSERT … SELECT into the store, whose own indexes and
  // search triggers then do their work: here it needs only what OpApplier relies on (the primary
  // keys, the op log's unique (replica_id, replica_seq) and the field clocks' key).
  const extras = db
    .prepare("SELECT type, name FROM sqlite_master WHERE type = 'trigger' OR (type = 'index' AND sql IS NOT NULL)")
    .all() as { type: 'trigger' | 'index'; name: string }[];
  for (const x of extras) db.exec(`DROP ${x.type === 'trigger' ? 'TRIGGER' : 'INDEX'} "${x.name}"`);
}
const counts = buildStore(db, { ...job, progress: (p) => parentPort?.postMessage({ type: 'progress', shard: job.shard, progress: p }) });
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
parentPort?.postMessage({ type: 'done', shard: job.shard, counts });
