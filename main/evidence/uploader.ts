import fs from 'node:fs';
import type { Db } from '../db/open';
import { getPeer, pendingOwnOps, syncOnce, SyncError } from '../sync/client';
import type { BlobStore } from './blobs';
import type { Transfer, TransferKind } from './queue';
import { cancelUnreferenced, nextTransfer, updateTransfer } from './queue';
import type { TusTransport } from './tus-client';
import { TusError, hubHas, tusCreate, tusOffset, tusPatch } from './tus-client';

/**
 * Sends the device's queued evidence to the hub, best priority first, one blob at a time:
 * - structured data first: before each blob and between chunks, own ops still pending go out through
 *   `structuredFirst` (a sync round), so a progress entry never waits behind a photo;
 * - nothing twice: the hub is asked up front which blobs it already holds, and a resumed upload
 *   starts at the offset the hub reports;
 * - chunks sized to the link: about `targetMs` of sending each (measured), so a cut costs little and a
 *   fast link is not slowed by round trips; a refused (tampered) chunk is sent again on its own.
 * A network failure ends the run with the state saved; the next run resumes where the hub stopped.
 */
export interface SendOptions extends TusTransport {
  /** which kinds may move on this link now (the link policy: e.g. thumbnails only on a satellite phone) */
  kinds?: readonly TransferKind[];
  /** default: a sync round whenever own ops are pending */
  structuredFirst?: () => Promise<unknown>;
  chunk?: { initial?: number; min?: number; max?: number; targetMs?: number };
  /** stop after this many blobs (the caller's scheduler runs the next pass) */
  maxFiles?: number;
  onProgress?: (p: { sha256: string; kind: TransferKind; offset: number; size: number }) => void;
  now?: () => Date;
}

export interface SendReport {
  /** blobs that reached the hub in this run */
  sent: number;
  /** blobs the hub already had: no bytes moved */
  alreadyThere: number;
  /** file bytes put into PATCH bodies (re-sends included) */
  bytesSent: number;
  chunks: number;
  /** chunks the hub refused (checksum) and that were sent again */
  refusedChunks: number;
  /** blobs that cannot be sent (e.g. the local file is damaged); they stay listed with their reason */
  failed: number;
  /** blobs left waiting (not yet known at the hub, or another kind than this link may send) */
  waiting: number;
}

const MAX_REFUSALS = 5;

/** Chunk size from the last chunk's measured rate (a run starts small and grows to the link). */
class ChunkSizer {
  size: number;
  constructor(private readonly o: Required<NonNullable<SendOptions['chunk']>>) {
    this.size = o.initial;
  }
  observe(bytes: number, ms: number): void {
    if (bytes < this.size / 4) return; // a file's short tail says little about the link
    const rate = bytes / Math.max(ms, 1);
    const next = Math.round((rate * this.o.targetMs) / 16_384) * 16_384;
    this.size = Math.max(this.o.min, Math.min(this.o.max, next, this.size * 4));
  }
}

/** Something wrong with this blob itself: it is marked failed (with the reason) and the queue goes on. */
const blobProblem = (err: unknown) => err instanceof TusError && (err.code === 'LOCAL_DAMAGED' || err.status === 400 || err.status === 413 || err.status === 460);
/** The hub is not ready for this blob yet (its record has not arrived) or the device is over a limit. */
const notYet = (err: unknown) => err instanceof TusError && (err.code === 'NOT_REFERENCED' || err.status === 429);

export async function sendEvidence(db: Db, store: BlobStore, options: SendOptions = {}): Promise<SendReport> {
  const peer = getPeer(db);
  if (!peer) throw new SyncError(0, 'NOT_ENROLLED', 'this database is not enrolled with a hub');
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const kinds = options.kinds ?? ['thumb', 'original'];
  const sizer = new ChunkSizer({ initial: 64 * 1024, min: 16 * 1024, max: 4 * 1024 * 1024, targetMs: 8_000, ...options.chunk });
  const report: SendReport = { sent: 0, alreadyThere: 0, bytesSent: 0, chunks: 0, refusedChunks: 0, failed: 0, waiting: 0 };
  // a sync that cannot clear the pending ops (the hub refuses, a round fails) is not retried before every chunk
  let quietUntil = 0;
  const structuredFirst = async () => {
    const pending = pendingOwnOps(db);
    if (pending === 0 || Date.now() < quietUntil) return;
    try {
      await (options.structuredFirst ?? (() => syncOnce(db, { fetch: options.fetch, timeoutMs: options.timeoutMs })))();
    } finally {
      if (pendingOwnOps(db) >= pending) quietUntil = Date.now() + 30_000;
    }
  };

  await structuredFirst();
  // evidence whose record the hub refused (and the device took back) has nothing to go with any more
  cancelUnreferenced(db, now());
  // one question for the whole queue: what does the hub hold already?
  const queued = db.prepare("SELECT sha256 FROM evidence_transfers WHERE direction = 'up' AND state IN ('queued', 'active') LIMIT 1000").pluck().all() as string[];
  const have = await hubHas(options, peer.hubUrl, peer.token, queued);
  for (const sha256 of have) {
    updateTransfer(db, sha256, 'up', { state: 'done', uploadUrl: null, lastError: null, now: now() });
    report.alreadyThere++;
  }

  const skip = new Set<string>();
  while (options.maxFiles === undefined || report.sent + report.failed < options.maxFiles) {
    const transfer = nextTransfer(db, 'up', kinds, skip);
    if (!transfer) break;
    if (!store.has(transfer.sha256)) {
      updateTransfer(db, transfer.sha256, 'up', { state: 'failed', lastError: '本机缺少该文件 / the file is missing on this device', now: now() });
      report.failed++;
      continue;
    }
    try {
      await sendOne(transfer);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // not moving any more: back in the queue with the reason (its offset says how far it got)
      updateTransfer(db, transfer.sha256, 'up', { state: 'queued', lastError: message, now: now() });
      if (notYet(err)) {
        skip.add(transfer.sha256);
        if ((err as TusError).status === 429) break;
        continue;
      }
      // the link is gone, the token revoked, the hub failing: the caller retries later, state is saved
      if (!blobProblem(err)) throw err;
      updateTransfer(db, transfer.sha256, 'up', { state: 'failed', now: now() });
      report.failed++;
    }
  }
  report.waiting = db.prepare("SELECT count(*) FROM evidence_transfers WHERE direction = 'up' AND state IN ('queued', 'active')").pluck().get() as number;
  return report;

  async function sendOne(t: Transfer): Promise<void> {
    updateTransfer(db, t.sha256, 'up', { state: 'active', now: now() });
    let url = t.uploadUrl;
    let offset: number | null = url ? await tusOffset(options, url, peer!.token) : null;
    let refusals = 0;
    const fd = fs.openSync(store.pathOf(t.sha256), 'r');
    try {
      for (;;) {
        if (url === null || offset === null) {
          if (refusals > 0 && !(await store.verify(t.sha256))) {
            throw new TusError(0, 'LOCAL_DAMAGED', '本机文件已损坏，与其 sha256 不符 / the local file no longer matches its sha256');
          }
          try {
            url = await tusCreate(options, peer!.hubUrl, peer!.token, t.size, { sha256: t.sha256, kind: t.kind });
          } catch (err) {
            if (err instanceof TusError && err.code === 'ALREADY_STORED') break;
            throw err;
          }
          offset = 0;
          updateTransfer(db, t.sha256, 'up', { uploadUrl: url, offset: 0, now: now() });
        }
        if (offset >= t.size) break;
        await structuredFirst();
        const length = Math.min(sizer.size, t.size - offset);
        const chunk = Buffer.alloc(length);
        fs.readSync(fd, chunk, 0, length, offset);
        const started = performance.now();
        report.chunks++;
        report.bytesSent += length;
        updateTransfer(db, t.sha256, 'up', { addSent: length, now: now() });
        try {
          offset = await tusPatch(options, url, peer!.token, offset, chunk);
          sizer.observe(length, performance.now() - started);
        } catch (err) {
          if (!(err instanceof TusError)) throw err;
          if (err.status === 460 || err.status === 409 || err.status === 404 || err.status === 410) {
            // refused chunk, or the hub's offset differs, or the upload is gone (a whole-file mismatch
            // discards it): ask where the hub stands and go on from there
            if (err.status === 460 && ++refusals > MAX_REFUSALS) throw err;
            if (err.status === 460) report.refusedChunks++;
            offset = await tusOffset(options, url, peer!.token);
            if (offset === null) url = null;
            continue;
          }
          throw err;
        }
        updateTransfer(db, t.sha256, 'up', { offset, now: now() });
        options.onProgress?.({ sha256: t.sha256, kind: t.kind, offset, size: t.size });
      }
    } finally {
      fs.closeSync(fd);
    }
    updateTransfer(db, t.sha256, 'up', { state: 'done', offset: t.size, uploadUrl: null, lastError: null, now: now() });
    report.sent++;
  }
}
