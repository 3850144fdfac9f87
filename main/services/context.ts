import type { Db } from '../db/open';
import type { FileGrants } from '../evidence/grants';
import type { Actor } from '../domain/authority';
import { JiebangError } from '../domain/errors';
import type { Person } from '../domain/entities';
import { decodeRow } from '../sync/codec';
import type { DataChangedEvent, SyncStatusEvent } from '../contract/result';

/** What the app's sync machinery offers the services (absent in the CLI and in tests without a hub). */
export interface SyncControl {
  getStatus(): SyncStatusEvent;
  /** starts a sync round now (its progress arrives as sync-status events) */
  syncNow(): void;
  enrol(hubUrl: string, code: string): Promise<{ deviceId: string; personId: string }>;
}

/** Everything a service needs: the database, the acting person, and a clock that tests can set. */
export interface ServiceContext {
  db: Db;
  /** the person acting on this device (settings.current_person_id), or null before setup */
  actorId: string | null;
  now: () => Date;
  /** called after each committed write */
  onChange?: (event: DataChangedEvent) => void;
  sync?: SyncControl;
  /** where evidence files live and how large one may be (defaults: <database folder>/evidence, 100 MB) */
  evidence?: { dir?: string; maxBytes?: number; kick?: () => void; grants?: FileGrants };
}

export function todayOf(ctx: ServiceContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actorId) {
    throw new JiebangError('FORBIDDEN', '请先选择当前用户', 'Choose who is using this device first');
  }
  const row = ctx.db.prepare('SELECT * FROM people WHERE id = ?').get(ctx.actorId) as Record<string, unknown> | undefined;
  if (!row) throw new JiebangError('FORBIDDEN', `当前用户不存在（${ctx.actorId}）`, `The current user does not exist (${ctx.actorId})`);
  const person = decodeRow<Person>('person', row);
  if (!person.active) throw new JiebangError('FORBIDDEN', `${person.name} 已停用`, `${person.name} is deactivated`);
  return { id: person.id, name: person.name, siteId: person.siteId, roles: person.roles };
}

export function withActor(ctx: ServiceContext, actorId: string): ServiceContext {
  return { ...ctx, actorId };
}
