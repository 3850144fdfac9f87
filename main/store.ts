import type { Db } from './db/open';
import { openDatabase } from './db/open';
import { dispatchAsync } from './contract/dispatch';
import type { DataChangedEvent, Result, SyncStatusEvent } from './contract/result';
import { seedDemoData } from './demo/seed';
import type { ServiceContext } from './services/context';
import { currentPersonId } from './services/org';
import { enrol } from './sync/client';
import { leanFetch } from './sync/http';
import type { SyncOptions } from './sync/client';
import { exportSiteBundleFile, importReplyBundleFile } from './sync/bundle-files';
import type { ExportedBundle, ImportedReply } from './sync/bundle-files';
import { applyDeferredOps } from './sync/deferred';
import { loadReplica } from './sync/replica';
import { SyncScheduler } from './sync/scheduler';
import type { Readable } from 'node:stream';
import { toErrorPayload } from './domain/errors';
import { blobStoreFor, maxEvidenceBytes } from './evidence/config';
import type { FileGrant } from './evidence/grants';
import { fileGrants } from './evidence/grants';
import { EvidenceRunner } from './evidence/runner';

/** The app's data behind the bridge: the database, the services, sync, and change notifications. */
export interface AppStore {
  db: Db;
  dispatch(method: unknown, payload: unknown): Result<unknown> | Promise<Result<unknown>>;
  onDataChanged(callback: (event: DataChangedEvent) => void): () => void;
  onSyncStatus(callback: (status: SyncStatusEvent) => void): () => void;
  syncStatus(): SyncStatusEvent;
  /** the network came back: retry now instead of waiting out the backoff */
  networkRestored(): void;
  /** no link at all: this site's changes into a bundle file for removable media */
  exportBundle(out: string): ExportedBundle;
  /** HQ's reply bundle from removable media; the views are told what came in */
  importReplyBundle(input: string): ImportedReply;
  /**
   * A one-time grant to attach a file the user picked or dropped (Electron: the path webUtils gave the
   * preload). evidence.attach takes the token; the renderer never names a path itself.
   */
  grantFile(file: string): Result<FileGrant>;
  /** The browser bridge's upload: the bytes go to a temp file in the evidence folder, granted once. */
  receiveFile(body: Readable, name: string): Promise<Result<FileGrant>>;
  /** stops syncing (letting a round in flight finish) and closes the database */
  close(): Promise<void>;
  seededDemo: boolean;
}

export interface AppStoreOptions {
  /** seed the demo data set into an empty database (default true: the first run shows the four cases) */
  seedDemo?: boolean;
  now?: () => Date;
  /** scheduler and transport settings (tests shorten the timings) */
  sync?: { debounceMs?: number; periodMs?: number; minBackoffMs?: number; maxBackoffMs?: number } & SyncOptions;
}

export function openAppStore(file: string, options: AppStoreOptions = {}): AppStore {
  const db = openDatabase(file);
  loadReplica(db);
  // ops pulled while this app was older than their schema: apply what this version understands
  applyDeferredOps(db);
  const listeners = new Set<(event: DataChangedEvent) => void>();
  const statusListeners = new Set<(status: SyncStatusEvent) => void>();
  const { debounceMs, periodMs, minBackoffMs, maxBackoffMs, ...transport } = options.sync ?? {};
  let runner: EvidenceRunner | undefined;
  const scheduler = new SyncScheduler({
    db, debounceMs, periodMs, minBackoffMs, maxBackoffMs, sync: transport,
    onStatus: (status) => {
      for (const listener of statusListeners) listener(status);
    },
    // data pulled from HQ, or own changes taken back after a refusal: the views must show it
    onSynced: (report) => {
      // the link works and the records are at the hub: evidence may follow them
      runner?.kick();
      if (report.pulled === 0 && report.refused === 0) return;
      for (const listener of listeners) listener({ method: 'sync', entities: [] });
    },
  });
  const ctx: ServiceContext = {
    db,
    actorId: null,
    now: options.now ?? (() => new Date()),
    onChange: (event) => {
      for (const listener of listeners) listener(event);
      scheduler.noteLocalWrite();
    },
    sync: {
      getStatus: () => scheduler.getStatus(),
      syncNow: () => void scheduler.nudge(),
      enrol: async (hubUrl, code) => {
        const answer = await enrol(db, hubUrl, code, { fetch: transport.fetch ?? leanFetch, timeoutMs: transport.timeoutMs });
        void scheduler.nudge();
        return answer;
      },
    },
  };
  // evidence files live beside the database file (an in-memory database has none)
  if (!db.memory) {
    const evidenceRunner = new EvidenceRunner({
      db,
      store: blobStoreFor(db),
      structuredFirst: () => scheduler.nudge(),
      transport: { fetch: transport.fetch, timeoutMs: transport.timeoutMs },
    });
    runner = evidenceRunner;
    ctx.evidence = { kick: () => evidenceRunner.kick() };
  }
  let seededDemo = false;
  const empty = (db.prepare('SELECT count(*) FROM people').pluck().get() as number) === 0;
  if (empty && options.seedDemo !== false) {
    seedDemoData(db, { now: ctx.now });
    seededDemo = true;
  }
  ctx.actorId = currentPersonId(ctx);
  scheduler.start();
  return {
    db,
    dispatch: (method, payload) => dispatchAsync(ctx, method, payload),
    onDataChanged(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    onSyncStatus(callback) {
      statusListeners.add(callback);
      return () => statusListeners.delete(callback);
    },
    syncStatus: () => scheduler.getStatus(),
    networkRestored: () => void scheduler.nudge(),
    exportBundle: (out) => exportSiteBundleFile(db, out),
    importReplyBundle: (input) => {
      const imported = importReplyBundleFile(db, input);
      for (const listener of listeners) listener({ method: 'sync.bundle', entities: [] });
      scheduler.refreshStatus();
      return imported;
    },
    grantFile: (file) => {
      try {
        return { ok: true, value: fileGrants.grantPath(file, { maxBytes: maxEvidenceBytes(db, ctx.evidence) }) };
      } catch (err) {
        return { ok: false, error: toErrorPayload(err) };
      }
    },
    receiveFile: async (body, name) => {
      try {
        const dir = blobStoreFor(db, ctx.evidence).tmpDir;
        return { ok: true, value: await fileGrants.receive(body, dir, { name, maxBytes: maxEvidenceBytes(db, ctx.evidence) }) };
      } catch (err) {
        body.resume();
        return { ok: false, error: toErrorPayload(err) };
      }
    },
    close: async () => {
      await scheduler.stop();
      await runner?.stop();
      db.close();
    },
    seededDemo,
  };
}
