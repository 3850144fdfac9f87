import type { Db } from './db/open';
import { openDatabase } from './db/open';
import { dispatch } from './contract/dispatch';
import type { DataChangedEvent, Result } from './contract/result';
import { seedDemoData } from './demo/seed';
import type { ServiceContext } from './services/context';
import { currentPersonId } from './services/org';
import { pendingOpCount } from './sync/oplog';
import { loadReplica } from './sync/replica';

/** The app's data behind the bridge: the database, the service context and change notifications. */
export interface AppStore {
  db: Db;
  dispatch(method: unknown, payload: unknown): Result<unknown>;
  onDataChanged(callback: (event: DataChangedEvent) => void): () => void;
  pendingOps(): number;
  close(): void;
  seededDemo: boolean;
}

export interface AppStoreOptions {
  /** seed the demo data set into an empty database (default true: the first run shows the four cases) */
  seedDemo?: boolean;
  now?: () => Date;
}

export function openAppStore(file: string, options: AppStoreOptions = {}): AppStore {
  const db = openDatabase(file);
  loadReplica(db);
  const listeners = new Set<(event: DataChangedEvent) => void>();
  const ctx: ServiceContext = {
    db,
    actorId: null,
    now: options.now ?? (() => new Date()),
    onChange: (event) => {
      for (const listener of listeners) listener(event);
    },
  };
  let seededDemo = false;
  const empty = (db.prepare('SELECT count(*) FROM people').pluck().get() as number) === 0;
  if (empty && options.seedDemo !== false) {
    seedDemoData(db, { now: ctx.now });
    seededDemo = true;
  }
  ctx.actorId = currentPersonId(ctx);
  return {
    db,
    dispatch: (method, payload) => dispatch(ctx, method, payload),
    onDataChanged(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    pendingOps: () => pendingOpCount(db),
    close: () => db.close(),
    seededDemo,
  };
}
