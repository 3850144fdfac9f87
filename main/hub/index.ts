import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../db/open';
import type { Db } from '../db/open';
import { loadReplica } from '../sync/replica';
import type { HubOptions } from './server';
import { buildHub } from './server';

export interface RunningHub {
  app: FastifyInstance;
  db: Db;
  url: string;
  /** stops accepting, lets in-flight rounds finish (each is one SQLite transaction), then closes the file */
  close(): Promise<void>;
}

/** Opens the hub's own SQLite file (same schema as the app) and listens. */
export async function startHub(options: { dbFile: string; port: number; host?: string; logger?: boolean; rateLimitPerMinute?: number; evidence?: HubOptions['evidence'] }): Promise<RunningHub> {
  const db = openDatabase(options.dbFile);
  loadReplica(db);
  const app = await buildHub({ db, logger: options.logger ?? false, rateLimitPerMinute: options.rateLimitPerMinute, evidence: options.evidence });
  const url = await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  let closed = false;
  return {
    app,
    db,
    url,
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      db.close();
    },
  };
}
