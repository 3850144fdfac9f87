import type { ParsedInput } from '../contract';
import type { SyncStatusEvent } from '../contract/result';
import { ruleError } from '../domain/errors';
import { getPeer, storedSyncStatus } from '../sync/client';
import type { ServiceContext } from './context';

/** Sync as the UI sees it: the status line, "sync now", and enrolment with a hub. */

export function syncStatus(ctx: ServiceContext): SyncStatusEvent {
  return ctx.sync ? ctx.sync.getStatus() : storedSyncStatus(ctx.db);
}

/** The hub's refusals of this device's changes, newest first: the user's inbox of what did not take. */
export function syncRefusals(ctx: ServiceContext) {
  return ctx.db
    .prepare(
      `SELECT r.replica_seq AS seq, r.entity, r.row_id AS rowId, r.field, r.code, r.reason, r.reason_en AS reasonEn, r.at,
              o.value AS attemptedValue, o.hlc
       FROM sync_refusals r LEFT JOIN sync_ops o ON o.replica_id = (SELECT id FROM replica) AND o.replica_seq = r.replica_seq
       ORDER BY r.replica_seq DESC LIMIT 500`,
    )
    .all() as { seq: number; entity: string; rowId: string; field: string; code: string; reason: string; reasonEn: string; at: string; attemptedValue: string | null; hlc: string | null }[];
}

/**
 * Transitions that did not apply when statuses were folded from events in clock order (two people
 * moved the same thing concurrently): the same list on every replica, newest first.
 */
export function syncConflicts(ctx: ServiceContext) {
  return ctx.db
    .prepare(
      `SELECT k.event_id AS eventId, k.entity, k.row_id AS rowId, k.challenge_id AS challengeId, c.title, k.action,
              k.from_status AS "from", k.to_status AS "to", k.found_status AS found, p.name AS actorName, s.name AS siteName, e.at
       FROM status_conflicts k
       LEFT JOIN events e ON e.id = k.event_id LEFT JOIN challenges c ON c.id = k.challenge_id
       LEFT JOIN people p ON p.id = k.actor_id LEFT JOIN sites s ON s.id = e.site_id
       ORDER BY k.hlc DESC LIMIT 500`,
    )
    .all() as {
      eventId: string; entity: string; rowId: string; challengeId: string | null; title: string | null; action: string;
      from: string; to: string; found: string; actorName: string | null; siteName: string | null; at: string | null;
    }[];
}

/** Where this device syncs to (no token: it never leaves main). */
export function syncSettings(ctx: ServiceContext) {
  const peer = getPeer(ctx.db);
  const replicaId = (ctx.db.prepare('SELECT id FROM replica').pluck().get() as string | undefined) ?? null;
  return { enrolled: !!peer, hubUrl: peer?.hubUrl ?? null, deviceId: peer?.deviceId ?? null, replicaId, canSync: !!ctx.sync };
}

function requireSync(ctx: ServiceContext) {
  if (!ctx.sync) throw ruleError('此处不能同步（没有同步服务）', 'Sync is not available here');
  return ctx.sync;
}

export function syncNow(ctx: ServiceContext): SyncStatusEvent {
  const sync = requireSync(ctx);
  if (!getPeer(ctx.db)) throw ruleError('本机尚未注册到总部：请先在设置中输入总部地址和注册码', 'This device is not enrolled with a hub yet: enter the hub address and enrolment code in settings');
  sync.syncNow();
  return sync.getStatus();
}

export async function syncEnrol(ctx: ServiceContext, input: ParsedInput<'sync.enrol'>) {
  const answer = await requireSync(ctx).enrol(input.hubUrl, input.code);
  ctx.actorId = answer.personId;
  return { deviceId: answer.deviceId, personId: answer.personId, status: syncStatus(ctx) };
}
