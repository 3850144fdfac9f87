import type { ParsedInput } from '../contract';
import { authorize } from '../domain/authority';
import type { Board } from '../domain/entities';
import { JiebangError, ruleError } from '../domain/errors';
import type { ServiceContext } from './context';
import { requireActor } from './context';
import { find, load } from './read';
import { decodeRow } from '../sync/codec';
import { newId, write } from './write';
import { challengeMachine } from '../domain/machines';

/** Boards 榜单: create, edit, publish, close. */

export interface BoardSummary extends Board {
  challengeCount: number;
  subChallengeCount: number;
  countsByStatus: Record<string, number>;
  overdueCount: number;
}

export function boardsList(ctx: ServiceContext, input: ParsedInput<'boards.list'>): BoardSummary[] {
  const boards = (
    input.status
      ? ctx.db.prepare('SELECT * FROM boards WHERE status = ? ORDER BY period_start DESC, title').all(input.status)
      : ctx.db.prepare('SELECT * FROM boards ORDER BY period_start DESC, title').all()
  ) as Record<string, unknown>[];
  const counts = ctx.db
    .prepare('SELECT board_id, status, parent_id IS NOT NULL AS sub, count(*) AS n FROM challenges GROUP BY board_id, status, sub')
    .all() as { board_id: string; status: string; sub: number; n: number }[];
  const today = ctx.now().toISOString().slice(0, 10);
  const overdue = ctx.db
    .prepare(
      `SELECT c.board_id, count(DISTINCT c.id) AS n FROM challenges c JOIN milestones m ON m.challenge_id = c.id
       WHERE m.status IN ('planned','in_progress','rejected') AND m.due_date < ? GROUP BY c.board_id`,
    )
    .all(today) as { board_id: string; n: number }[];
  const overdueBy = new Map(overdue.map((o) => [o.board_id, o.n]));
  return boards.map((row) => {
    const board = decodeRow<Board>('board', row);
    const mine = counts.filter((c) => c.board_id === board.id);
    const countsByStatus: Record<string, number> = {};
    for (const c of mine) countsByStatus[c.status] = (countsByStatus[c.status] ?? 0) + c.n;
    return {
      ...board,
      challengeCount: mine.filter((c) => !c.sub).reduce((a, c) => a + c.n, 0),
      subChallengeCount: mine.filter((c) => c.sub).reduce((a, c) => a + c.n, 0),
      countsByStatus,
      overdueCount: overdueBy.get(board.id) ?? 0,
    };
  });
}

function checkPeriod(start: string, end: string): void {
  if (end < start) throw new JiebangError('VALIDATION', '榜单结束日期早于开始日期', 'The board period ends before it starts');
}

export function boardsCreate(ctx: ServiceContext, input: ParsedInput<'boards.create'>): Board {
  const actor = requireActor(ctx);
  authorize(actor, 'board.create');
  checkPeriod(input.periodStart, input.periodEnd);
  if (!find(ctx, 'site', input.issuerSiteId)) {
    throw new JiebangError('VALIDATION', `发榜单位不存在（${input.issuerSiteId}）`, `Issuing site ${input.issuerSiteId} does not exist`);
  }
  const id = newId();
  write(ctx, 'boards.create', actor, (w) => {
    const now = w.nowIso();
    w.put('board', id, { ...input, issuerId: actor.id, status: 'draft', createdAt: now, updatedAt: now });
    w.event('board.create', 'board', id, null, { title: input.title });
  });
  return load(ctx, 'board', id);
}

export function boardsUpdate(ctx: ServiceContext, input: ParsedInput<'boards.update'>): Board {
  const actor = requireActor(ctx);
  authorize(actor, 'board.edit');
  const { id, ...fields } = input;
  const board = load(ctx, 'board', id);
  if (board.status === 'closed') throw ruleError('榜单已关闭，不能修改', 'The board is closed and cannot be edited');
  checkPeriod(fields.periodStart ?? board.periodStart, fields.periodEnd ?? board.periodEnd);
  write(ctx, 'boards.update', actor, (w) => {
    w.put('board', id, { ...fields, updatedAt: w.nowIso() });
    w.event('board.update', 'board', id, null, { fields: Object.keys(fields) });
  });
  return load(ctx, 'board', id);
}

export function boardsPublish(ctx: ServiceContext, input: ParsedInput<'boards.publish'>): Board {
  const actor = requireActor(ctx);
  authorize(actor, 'board.publish');
  const board = load(ctx, 'board', input.id);
  if (board.status !== 'draft') throw ruleError('只有草拟中的榜单可以发布', 'Only a draft board can be published', { status: board.status });
  const drafts = ctx.db.prepare("SELECT id, status FROM challenges WHERE board_id = ? AND status = 'draft'").all(board.id) as { id: string; status: 'draft' }[];
  write(ctx, 'boards.publish', actor, (w) => {
    w.put('board', board.id, { status: 'published', updatedAt: w.nowIso() });
    w.event('board.publish', 'board', board.id, null, { challenges: drafts.length });
    // publishing a board publishes its drafted challenges with it
    for (const c of drafts) w.transition(challengeMachine, 'challenge', c, 'challenge.publish', { challengeId: c.id });
  });
  return load(ctx, 'board', board.id);
}

export function boardsClose(ctx: ServiceContext, input: ParsedInput<'boards.close'>): Board {
  const actor = requireActor(ctx);
  authorize(actor, 'board.close');
  const board = load(ctx, 'board', input.id);
  if (board.status !== 'published') throw ruleError('只有已发布的榜单可以关闭', 'Only a published board can be closed', { status: board.status });
  write(ctx, 'boards.close', actor, (w) => {
    w.put('board', board.id, { status: 'closed', updatedAt: w.nowIso() });
    w.event('board.close', 'board', board.id, null, null);
  });
  return load(ctx, 'board', board.id);
}
