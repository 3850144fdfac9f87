import fs from 'node:fs';
import type { Db } from '../db/open';
import { BundleError, exportSiteBundle, importReplyBundle } from './bundle';

/** Sync bundles as files on removable media, for the app's menu and the CLI. */

export interface ExportedBundle {
  ops: number;
  bytes: number;
}

/** Writes this site's unacknowledged changes to `out`; never overwrites a file. */
export function exportSiteBundleFile(db: Db, out: string): ExportedBundle {
  if (fs.existsSync(out)) throw new BundleError(`文件已存在：${out}`, `The file already exists: ${out}`);
  const { file, ops } = exportSiteBundle(db);
  fs.writeFileSync(out, file, { flag: 'wx' });
  return { ops, bytes: file.length };
}

export interface ImportedReply {
  acked: number;
  refused: number;
  pulled: number;
  more: boolean;
}

/** Imports HQ's reply bundle (what HQ confirmed, refused and sent back); importing it twice is harmless. */
export function importReplyBundleFile(db: Db, input: string): ImportedReply {
  if (!fs.existsSync(input)) throw new BundleError(`找不到同步包：${input}`, `Bundle not found: ${input}`);
  const response = importReplyBundle(db, fs.readFileSync(input));
  return { acked: response.acked, refused: response.refused.length, pulled: response.ops.length, more: response.more };
}
