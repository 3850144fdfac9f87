import type { EntityName } from '../db/entities';
import { ENTITIES } from '../db/entities';
import type { EntityTypes } from '../domain/entities';
import { notFound } from '../domain/errors';
import { decodeRow } from '../sync/codec';
import type { ServiceContext } from './context';

const LABELS: Record<EntityName, [string, string]> = {
  site: ['单位', 'Site'], person: ['人员', 'Person'], team: ['突击队', 'Team'], board: ['榜单', 'Board'],
  challenge: ['榜题', 'Challenge'], claim: ['揭榜申请', 'Claim'], appointment: ['挂帅', 'Appointment'],
  pledge: ['军令状', 'Pledge'], signature: ['签名', 'Signature'], milestone: ['节点', 'Milestone'],
  progress: ['攻关日志', 'Progress entry'], attachment: ['佐证材料', 'Attachment'], acceptance: ['验收', 'Acceptance'],
  assessment: ['考核评价', 'Assessment'], case: ['典型案例', 'Case'], event: ['留痕', 'Event'],
};

export function find<E extends EntityName>(ctx: ServiceContext, entity: E, id: string): EntityTypes[E] | null {
  const row = ctx.db.prepare(`SELECT * FROM ${ENTITIES[entity].table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  return row ? decodeRow<EntityTypes[E]>(entity, row) : null;
}

export function load<E extends EntityName>(ctx: ServiceContext, entity: E, id: string): EntityTypes[E] {
  const found = find(ctx, entity, id);
  if (!found) throw notFound(LABELS[entity][0], LABELS[entity][1], id);
  return found;
}

/** Rows of `entity` where `column` equals `value` — column names are fixed by callers, values bound. */
export function listWhere<E extends EntityName>(
  ctx: ServiceContext,
  entity: E,
  column: string,
  value: string,
  orderBy = 'rowid',
): EntityTypes[E][] {
  const rows = ctx.db
    .prepare(`SELECT * FROM ${ENTITIES[entity].table} WHERE ${column} = ? ORDER BY ${orderBy}`)
    .all(value) as Record<string, unknown>[];
  return rows.map((r) => decodeRow<EntityTypes[E]>(entity, r));
}

export function listAll<E extends EntityName>(ctx: ServiceContext, entity: E, orderBy = 'rowid'): EntityTypes[E][] {
  const rows = ctx.db.prepare(`SELECT * FROM ${ENTITIES[entity].table} ORDER BY ${orderBy}`).all() as Record<string, unknown>[];
  return rows.map((r) => decodeRow<EntityTypes[E]>(entity, r));
}
