import type { ErrorPayload } from '../domain/errors';

/** What every bridge call answers: never a thrown error across the process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** Events main pushes to the renderer; subscriptions return an unsubscribe function. */
export const EVENT_TYPES = ['data-changed', 'sync-status'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface DataChangedEvent {
  /** the contract method whose write changed data */
  method: string;
  /** entity names touched by the write */
  entities: string[];
}

export interface SyncStatusEvent {
  /** local-only: not enrolled with a hub; online: the last sync worked; offline: it failed and will be retried */
  link: 'local-only' | 'online' | 'offline' | 'syncing';
  /** own changes the hub has not confirmed yet: the UI never says "synced" while this is above 0 */
  pendingOps: number;
  lastSyncAt: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  /** own changes the hub refused (kept and listed by sync.refusals, never silently dropped) */
  refused: number;
  /** transitions that did not apply when concurrent changes met (listed by sync.conflicts) */
  conflicts: number;
  /** while syncing: what this sync has moved so far */
  transfer: SyncTransfer | null;
}

export interface SyncTransfer {
  rounds: number;
  pushed: number;
  pulled: number;
  bytesSent: number;
  bytesReceived: number;
}

export interface EventPayloads {
  'data-changed': DataChangedEvent;
  'sync-status': SyncStatusEvent;
}

/** The IPC channels; nothing else crosses the bridge. */
export const CALL_CHANNEL = 'jiebang:call';
export const EVENT_CHANNEL = 'jiebang:event';
/** The preload's window.jiebangFiles.grant: the path of a file the user picked or dropped, for a one-time token. */
export const FILE_GRANT_CHANNEL = 'jiebang:grant-file';

/** A one-time permission to attach a file (main/evidence/grants.ts): what evidence.attach takes instead of a path. */
export interface FileGrant {
  token: string;
  /** the file's own name (for display; attach may give another) */
  name: string;
  size: number;
  expiresAt: string;
}

/** window.jiebangFiles in Electron: hands a picked or dropped File to main and answers its grant. */
export interface JiebangFiles {
  grant(file: File): Promise<Result<FileGrant>>;
}
