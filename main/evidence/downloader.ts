import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { Db } from '../db/open';
import { getPeer, SyncError } from '../sync/client';
import type { BlobStore } from './blobs';
import { hashFile } from './blobs';
import type { Transfer } from './queue';
import { PRIORITY, enqueue, nextTransfer, updateTransfer } from './queue';

/**
 * Brings evidence down from the hub: thumbnails of every attachment this device sees (small, so the
 * views can show them), originals only when someone asks (evidence.fetch). Bytes are appended to a
 * `.part` file as they arrive, so a cut loses nothing: the next run asks for the rest with Range. A
 * finished file must hash to its name before it enters the store.
 */
export interface FetchOptions {
  timeoutMs?: number;
  now?: () => Date;
  maxFiles?: number;
  onProgress?: (p: { sha256: string; offset: number; size: number }) => void;
}

export interface FetchReport {
  received: number;
  bytesReceived: number;
  failed: number;
}

/** Queues the thumbnails this device lacks (rows pulled from HQ name them; the bytes come separately). */
export function queueMissingThumbnails(db: Db, store: BlobStore, now: string): number {
  const rows = db
    .prepare(
      `SELECT DISTINCT a.thumb_sha256 AS sha256, a.thumb_size AS size FROM attachments a
       WHERE a.thumb_sha256 IS NOT NULL AND a.removed_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM evidence_transfers t WHERE t.sha256 = a.thumb_sha256)`,
    )
    .all() as { sha256: string; size: number | null }[];
  let queued = 0;
  db.transaction(() => {
    for (const r of rows) {
      if (store.has(r.sha256)) continue;
      enqueue(db, { sha256: r.sha256, direction: 'down', kind: 'thumb', size: r.size ?? 0, priority: PRIORITY.thumb, now });
      queued++;
    }
  })();
  return queued;
}

const partFile = (store: BlobStore, sha256: string) => path.join(store.tmpDir, `${sha256}.part`);

/**
 * GET with Range from `offset`, appending to `file` as bytes arrive; resolves with the bytes appended.
 * Settles only after the file is closed, whatever happened: a cut must not leave writes in flight that
 * would land after the next run has measured the .part file and asked for the rest.
 */
function rangeGet(url: string, token: string, file: string, offset: number, timeoutMs: number, onData: (n: number) => void): Promise<{ status: number; appended: number; total: number | null }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    let out: fs.WriteStream | null = null;
    let failure: Error | null = null;
    const stop = (err: Error) => {
      failure ??= err;
      if (!out) return reject(failure);
      out.end(); // 'close' settles
    };
    const req = client.request(target, { method: 'GET', headers: { Authorization: `Bearer ${token}`, Range: `bytes=${offset}-` }, timeout: timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 206 && status !== 200) {
        res.resume();
        res.on('end', () => resolve({ status, appended: 0, total: null }));
        return;
      }
      // a 200 means the hub ignored the range: start the file over
      const stream = fs.createWriteStream(file, { flags: status === 206 ? 'a' : 'w' });
      out = stream;
      const total = Number(/\/(\d+)$/.exec(String(res.headers['content-range'] ?? ''))?.[1] ?? res.headers['content-length']);
      let appended = 0;
      res.on('data', (chunk: Buffer) => {
        appended += chunk.length;
        onData(chunk.length);
      });
      res.on('error', (err) => {
        res.unpipe(stream);
        stop(err);
      });
      res.on('close', () => {
        if (res.complete) return;
        res.unpipe(stream);
        stop(new Error('download cut'));
      });
      stream.on('close', () => {
        if (failure || !res.complete) reject(failure ?? new Error('download cut'));
        else resolve({ status, appended, total: Number.isFinite(total) ? total : null });
      });
      res.pipe(stream);
    });
    req.on('timeout', () => req.destroy(new Error('download timed out')));
    req.on('error', (err) => stop(err));
    req.end();
  });
}

export async function fetchEvidence(db: Db, store: BlobStore, options: FetchOptions = {}): Promise<FetchReport> {
  const peer = getPeer(db);
  if (!peer) throw new SyncError(0, 'NOT_ENROLLED', 'this database is not enrolled with a hub');
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const report: FetchReport = { received: 0, bytesReceived: 0, failed: 0 };
  queueMissingThumbnails(db, store, now());
  const skip = new Set<string>();
  while (options.maxFiles === undefined || report.received + report.failed < options.maxFiles) {
    const t: Transfer | null = nextTransfer(db, 'down', ['thumb', 'original'], skip);
    if (!t) break;
    if (store.has(t.sha256)) {
      updateTransfer(db, t.sha256, 'down', { state: 'done', offset: t.size, now: now() });
      continue;
    }
    fs.mkdirSync(store.tmpDir, { recursive: true });
    const part = partFile(store, t.sha256);
    const have = fs.existsSync(part) ? fs.statSync(part).size : 0;
    updateTransfer(db, t.sha256, 'down', { state: 'active', offset: have, now: now() });
    const url = new URL(`/v1/evidence/${t.sha256}`, peer.hubUrl).href;
    let done = have;
    try {
      const got = await rangeGet(url, peer.token, part, have, options.timeoutMs ?? 120_000, (n) => {
        done += n;
        report.bytesReceived += n;
        options.onProgress?.({ sha256: t.sha256, offset: done, size: t.size });
      });
      if (got.status === 404) {
        // not at the hub yet (its device has not sent it): wait for a later run
        skip.add(t.sha256);
        updateTransfer(db, t.sha256, 'down', { state: 'queued', lastError: '总部尚未收到该文件 / the hub does not hold this file yet', now: now() });
        continue;
      }
      if (got.status === 416) fs.rmSync(part, { force: true });
      if (got.status !== 200 && got.status !== 206) throw new Error(`download: HTTP ${got.status}`);
    } catch (err) {
      updateTransfer(db, t.sha256, 'down', { offset: fs.existsSync(part) ? fs.statSync(part).size : 0, lastError: err instanceof Error ? err.message : String(err), now: now() });
      throw err; // the link is gone: the next run resumes from the .part file
    }
    const size = fs.statSync(part).size;
    if ((await hashFile(part)) !== t.sha256) {
      fs.rmSync(part, { force: true });
      updateTransfer(db, t.sha256, 'down', { state: 'failed', offset: 0, lastError: '下载内容与 sha256 不符，已丢弃 / the download did not match its sha256 and was discarded', now: now() });
      report.failed++;
      continue;
    }
    store.commit(part, t.sha256, size);
    updateTransfer(db, t.sha256, 'down', { state: 'done', offset: size, lastError: null, now: now() });
    report.received++;
  }
  return report;
}
