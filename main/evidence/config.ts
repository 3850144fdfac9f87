import path from 'node:path';
import type { Db } from '../db/open';
import { ruleError } from '../domain/errors';
import { BlobStore } from './blobs';

/** Where a database keeps its evidence, and how large one file may be. */
export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
export const MAX_BYTES_SETTING = 'evidence_max_bytes';

export interface EvidenceOptions {
  dir?: string;
  maxBytes?: number;
}

/** `<database folder>/evidence` unless told otherwise: next to the data it belongs to, backed up with it. */
export function evidenceDir(db: Db, options: EvidenceOptions = {}): string {
  if (options.dir) return options.dir;
  if (!db.name || db.name === ':memory:') throw ruleError('内存数据库没有存放佐证材料的文件夹', 'An in-memory database has no folder for evidence files');
  return path.join(path.dirname(path.resolve(db.name)), 'evidence');
}

/** The limit in force: the device setting (changeable without a release), else the option, else 100 MB. */
export function maxEvidenceBytes(db: Db, options: EvidenceOptions = {}): number {
  const setting = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(MAX_BYTES_SETTING) as string | undefined;
  const fromSetting = setting === undefined ? NaN : Number(setting);
  if (Number.isInteger(fromSetting) && fromSetting > 0) return fromSetting;
  return options.maxBytes ?? DEFAULT_MAX_BYTES;
}

const stores = new Map<string, BlobStore>();

/** One store per folder; the first use in a process sweeps temp files a crash may have left. */
export function blobStoreFor(db: Db, options: EvidenceOptions = {}): BlobStore {
  const dir = evidenceDir(db, options);
  let store = stores.get(dir);
  if (!store) {
    store = new BlobStore(dir);
    store.sweepTemp(60 * 60_000);
    stores.set(dir, store);
  }
  return store;
}
