import type { ParsedInput } from '../contract';
import type { Board, Challenge, DomainEvent, ProgressEntry } from '../domain/entities';
import type { TrafficLight } from '../domain/derived';
import { isChallengeOverdue, isMilestoneOverdue, milestoneLight, rolledUpProgress, worstLight } from '../domain/derived';
import type { ChallengeStatus, MilestoneStatus } from '../domain/machines';
import { decodeRow } from '../sync/codec';
import type { ServiceContext } from './context';
import { todayOf } from './context';
import { find, listWhere, load } from './read';
import { pledgeMilestones } from './pledges';

/** Read models for the UI: the board, a challenge with its timeline, the dashboard, search. */

/** Pledges whose milestones are the live plan. */
const LIVE_PLEDGE_SQL = "('signed','active','fulfilled','partially_fulfilled','unfulfilled_excused','unfulfilled')";

export interface ChallengeCard {
  id: string;
  parentId: string | null;
  code: string;
  title: string;
  category: Challenge['category'];
  status: ChallengeStatus;
  deadline: string;
  teamMode: Challenge['teamMode'];
  siteId: string | null;
  leaderId: string | null;
  leaderName: string | null;
  claimCount: number;
  subCount: number;
  light: TrafficLight | null;
  overdueMilestones: number;
  overdue: boolean;
  progress: number;
}

interface CardRow {
  id: string; parent_id: string | null; code: string; title: string; category: Challenge['category'];
  status: ChallengeStatus; deadline: string; team_mode: Challenge['teamMode']; site_id: string | null;
  leader_id: string | null; leader_name: string | null; claim_count: number; latest_percent: number | null;
}

/** Cards for a set of challenges (a board, or a filter), with lights, overdue and rolled-up progress. */
function cards(ctx: ServiceContext, where: string, args: unknown[]): ChallengeCard[] {
  const rows = ctx.db
    .prepare(
      `SELECT c.id, c.parent_id, c.code, c.title, c.category, c.status, c.deadline, c.team_mode, c.site_id, c.leader_id,
              p.name AS leader_name,
              (SELECT count(*) FROM claims k WHERE k.challenge_id = c.id AND k.status IN ('submitted','shortlisted','selected')) AS claim_count,
              (SELECT e.percent FROM progress_entries e WHERE e.challenge_id = c.id ORDER BY e.date DESC, e.created_at DESC LIMIT 1) AS latest_percent
       FROM challenges c LEFT JOIN people p ON p.id = c.leader_id WHERE ${where} ORDER BY c.code`,
    )
    .all(...args) as CardRow[];
  const milestones = ctx.db
    .prepare(
      `SELECT m.challenge_id, m.status, m.due_date FROM milestones m JOIN pledges pl ON pl.id = m.pledge_id
       WHERE pl.status IN ${LIVE_PLEDGE_SQL} AND m.challenge_id IN (SELECT c.id FROM challenges c WHERE ${where})`,
    )
    .all(...args) as { challenge_id: string; status: MilestoneStatus; due_date: string }[];
  const today = todayOf(ctx);
  const byChallenge = new Map<string, { status: MilestoneStatus; dueDate: string }[]>();
  for (const m of milestones) {
    const list = byChallenge.get(m.challenge_id) ?? [];
    list.push({ status: m.status, dueDate: m.due_date });
    byChallenge.set(m.challenge_id, list);
  }
  const children = new Map<string, CardRow[]>();
  for (const r of rows) {
    if (!r.parent_id) continue;
    const list = children.get(r.parent_id) ?? [];
    list.push(r);
    children.set(r.parent_id, list);
  }
  const progressOf = (r: CardRow, depth = 0): number =>
    rolledUpProgress({
      status: r.status,
      milestones: byChallenge.get(r.id) ?? [],
      latestPercent: r.latest_percent,
      children: depth > 20 ? [] : (children.get(r.id) ?? []).map((child) => ({
        status: child.status,
        milestones: [],
        latestPercent: progressOf(child, depth + 1),
        children: [],
      })),
    });
  return rows.map((r) => {
    const ms = byChallenge.get(r.id) ?? [];
    return {
      id: r.id, parentId: r.parent_id, code: r.code, title: r.title, category: r.category, status: r.status,
      deadline: r.deadline, teamMode: r.team_mode, siteId: r.site_id, leaderId: r.leader_id, leaderName: r.leader_name,
      claimCount: r.claim_count, subCount: children.get(r.id)?.length ?? 0,
      light: worstLight(ms.map((m) => milestoneLight(m, today))),
      overdueMilestones: ms.filter((m) => isMilestoneOverdue(m, today)).length,
      overdue: isChallengeOverdue({ status: r.status, deadline: r.deadline }, today) || ms.some((m) => isMilestoneOverdue(m, today)),
      progress: progressOf(r),
    };
  });
}

export function boardsView(ctx: ServiceContext, input: ParsedInput<'boards.view'>): { board: Board; challenges: ChallengeCard[]; countsByStatus: Record<string, number> } {
  const board = load(ctx, 'board', input.id);
  const all = cards(ctx, 'c.board_id = ?', [board.id]);
  const challenges = input.parentId === undefined ? all : all.filter((c) => c.parentId === input.parentId);
  const countsByStatus: Record<string, number> = {};
  for (const c of challenges) countsByStatus[c.status] = (countsByStatus[c.status] ?? 0) + 1;
  return { board, challenges, countsByStatus };
}

export function challengesByStatus(ctx: ServiceContext, input: ParsedInput<'challenges.byStatus'>): ChallengeCard[] {
  const where: string[] = ['1 = 1'];
  const args: unknown[] = [];
  if (input.boardId) { where.push('c.board_id = ?'); args.push(input.boardId); }
  if (input.status) { where.push('c.status = ?'); args.push(input.status); }
  if (input.category) { where.push('c.category = ?'); args.push(input.category); }
  return cards(ctx, where.join(' AND '), args);
}

export function challengesGet(ctx: ServiceContext, input: ParsedInput<'challenges.get'>) {
  const challenge = load(ctx, 'challenge', input.id);
  const board = load(ctx, 'board', challenge.boardId);
  const parent = challenge.parentId ? find(ctx, 'challenge', challenge.parentId) : null;
  const family = cards(ctx, 'c.id = ? OR c.parent_id = ?', [challenge.id, challenge.id]);
  const card = family.find((c) => c.id === challenge.id) as ChallengeCard;
  const names = (ids: (string | null)[]) => {
    const out: Record<string, string> = {};
    for (const id of new Set(ids.filter((x): x is string => !!x))) out[id] = find(ctx, 'person', id)?.name ?? id;
    return out;
  };
  const claims = listWhere(ctx, 'claim', 'challenge_id', challenge.id, 'submitted_at');
  const appointments = listWhere(ctx, 'appointment', 'challenge_id', challenge.id, 'decided_at');
  const pledges = listWhere(ctx, 'pledge', 'challenge_id', challenge.id, 'version');
  const live = pledges.filter((p) => ['signed', 'active', 'fulfilled', 'partially_fulfilled', 'unfulfilled_excused', 'unfulfilled'].includes(p.status));
  const draft = pledges.filter((p) => ['draft', 'ready_to_sign', 'partially_signed'].includes(p.status));
  const today = todayOf(ctx);
  const milestones = [...live, ...draft].flatMap((p) =>
    pledgeMilestones(ctx, p.id).map((m) => ({ ...m, pledgeStatus: p.status, light: milestoneLight(m, today), overdue: isMilestoneOverdue(m, today) })),
  );
  const progress = (ctx.db
    .prepare('SELECT * FROM progress_entries WHERE challenge_id = ? ORDER BY date DESC, created_at DESC LIMIT 50')
    .all(challenge.id) as Record<string, unknown>[]).map((r) => decodeRow<ProgressEntry>('progress', r));
  const timeline = (ctx.db
    .prepare(
      `SELECT e.*, p.name AS actor_name, s.name AS site_name FROM events e
       LEFT JOIN people p ON p.id = e.actor_id LEFT JOIN sites s ON s.id = e.site_id
       WHERE e.challenge_id = ? ORDER BY e.hlc`,
    )
    .all(challenge.id) as Record<string, unknown>[]).map((r) => ({
    ...decodeRow<DomainEvent>('event', r),
    actorName: (r.actor_name as string | null) ?? null,
    siteName: (r.site_name as string | null) ?? null,
  }));
  const acceptances = listWhere(ctx, 'acceptance', 'challenge_id', challenge.id, 'requested_at');
  const assessments = listWhere(ctx, 'assessment', 'challenge_id', challenge.id, 'assessed_at');
  const cases = listWhere(ctx, 'case', 'challenge_id', challenge.id);
  return {
    challenge,
    board,
    parent,
    card,
    children: family.filter((c) => c.parentId === challenge.id),
    claims,
    appointments,
    pledges,
    milestones,
    progress,
    acceptances,
    assessments,
    case: cases[0] ?? null,
    timeline,
    people: names([
      challenge.leaderId, ...claims.flatMap((c) => [c.applicantId, ...c.members.map((m) => m.personId)]),
      ...appointments.flatMap((a) => [a.leaderId, a.decidedBy]),
      ...pledges.flatMap((p) => [p.pledgerId, p.issuerId, p.supervisorId, ...p.witnessIds]),
      ...progress.map((p) => p.authorId), ...acceptances.flatMap((a) => [a.requestedBy, a.acceptorId]),
      ...assessments.map((a) => a.assessorId),
    ]),
  };
}

const OVERDUE_LIST_LIMIT = 200;

export function dashboardGet(ctx: ServiceContext, input: ParsedInput<'dashboard.get'>) {
  const today = todayOf(ctx);
  const siteFilter = input.siteId ? 'AND c.site_id = ?' : '';
  const args = input.siteId ? [input.siteId] : [];
  const group = (column: string) =>
    Object.fromEntries(
      (ctx.db.prepare(`SELECT ${column} AS k, count(*) AS n FROM challenges c WHERE 1 = 1 ${siteFilter} GROUP BY ${column}`).all(...args) as { k: string; n: number }[]).map((r) => [r.k, r.n]),
    );
  // aggregated in SQL: a dashboard over 100,000 challenges must not pull every milestone into memory
  const live = `FROM milestones m JOIN pledges pl ON pl.id = m.pledge_id JOIN challenges c ON c.id = m.challenge_id
       WHERE pl.status IN ${LIVE_PLEDGE_SQL} ${siteFilter}`;
  const totals = ctx.db
    .prepare(
      `SELECT count(*) AS total,
              coalesce(sum(m.status IN ('reported','verified')), 0) AS delivered,
              coalesce(sum(m.status IN ('reported','verified') AND substr(m.reported_at, 1, 10) <= m.due_date), 0) AS on_time,
              coalesce(sum(m.status IN ('planned','in_progress','rejected') AND m.due_date < ?), 0) AS overdue
       ${live}`,
    )
    .get(today, ...args) as { total: number; delivered: number; on_time: number; overdue: number };
  const overdue = (ctx.db
    .prepare(
      `SELECT m.id, m.title, m.due_date, c.id AS challenge_id, c.title AS challenge_title, c.code ${live}
       AND m.status IN ('planned','in_progress','rejected') AND m.due_date < ? ORDER BY m.due_date LIMIT ${OVERDUE_LIST_LIMIT}`,
    )
    .all(...args, today) as { id: string; title: string; due_date: string; challenge_id: string; challenge_title: string; code: string }[])
    .map((m) => ({ milestoneId: m.id, title: m.title, dueDate: m.due_date, challengeId: m.challenge_id, challengeTitle: m.challenge_title, code: m.code }));
  const pledgeOutcomes = Object.fromEntries(
    (ctx.db
      .prepare(`SELECT pl.status AS k, count(*) AS n FROM pledges pl JOIN challenges c ON c.id = pl.challenge_id WHERE 1 = 1 ${siteFilter} GROUP BY pl.status`)
      .all(...args) as { k: string; n: number }[]).map((r) => [r.k, r.n]),
  );
  const teams = ctx.db
    .prepare(
      `SELECT t.id, t.name, json_array_length(t.member_ids) AS members, coalesce(k.n, 0) AS active_claims
       FROM teams t LEFT JOIN (SELECT team_id, count(*) AS n FROM claims WHERE status = 'selected' AND team_id IS NOT NULL GROUP BY team_id) k
         ON k.team_id = t.id
       ${input.siteId ? 'WHERE t.site_id = ?' : ''} ORDER BY t.name`,
    )
    .all(...args) as { id: string; name: string; members: number; active_claims: number }[];
  const caseCount = ctx.db.prepare(`SELECT count(*) FROM cases k JOIN challenges c ON c.id = k.challenge_id WHERE 1 = 1 ${siteFilter}`).pluck().get(...args) as number;
  return {
    byStatus: group('c.status'),
    byCategory: group('c.category'),
    milestones: {
      total: totals.total, delivered: totals.delivered, onTime: totals.on_time, overdue: totals.overdue,
      onTimeRate: totals.delivered ? totals.on_time / totals.delivered : null,
    },
    /** the most overdue first, at most OVERDUE_LIST_LIMIT; milestones.overdue has the full count */
    overdue,
    pledgeOutcomes,
    teams: teams.map((t) => ({ id: t.id, name: t.name, members: t.members, activeClaims: t.active_claims })),
    caseCount,
  };
}

export interface SearchHit {
  kind: 'challenge' | 'pledge' | 'progress';
  id: string;
  challengeId: string;
  title: string;
  snippet: string;
}

const SEARCH_SOURCES = [
  { kind: 'challenge', fts: 'fts_challenges', table: 'challenges', challenge: 't.id', title: "t.code || ' ' || t.title", body: "coalesce(t.background,'')", like: ['t.title', 't.code', 't.background', 't.acceptance_criteria'] },
  { kind: 'pledge', fts: 'fts_pledges', table: 'pledges', challenge: 't.challenge_id', title: "t.number || ' ' || t.title", body: "coalesce(t.text,'')", like: ['t.number', 't.title', 't.text'] },
  { kind: 'progress', fts: 'fts_progress', table: 'progress_entries', challenge: 't.challenge_id', title: "t.date || ' ' || substr(t.work_done, 1, 60)", body: "coalesce(t.work_done,'') || ' ' || coalesce(t.problems,'')", like: ['t.work_done', 't.problems', 't.next_steps', 't.safety_notes'] },
] as const;

/**
 * Full-text search. Terms of 3+ characters go through the trigram index (substring match, also
 * for Chinese); a query with a shorter term falls back to LIKE, which trigrams cannot serve.
 */
export function searchQuery(ctx: ServiceContext, input: ParsedInput<'search.query'>): SearchHit[] {
  const terms = input.text.split(/\s+/).filter(Boolean);
  const useFts = terms.every((t) => [...t].length >= 3);
  const hits: SearchHit[] = [];
  for (const s of SEARCH_SOURCES) {
    const remaining = input.limit - hits.length;
    if (remaining <= 0) break;
    let rows: { id: string; challenge_id: string; title: string; body: string }[];
    if (useFts) {
      const match = terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
      rows = ctx.db
        .prepare(
          `SELECT t.id, ${s.challenge} AS challenge_id, ${s.title} AS title, ${s.body} AS body FROM ${s.fts} f
           JOIN ${s.table} t ON t.rowid = f.rowid WHERE ${s.fts} MATCH ? ORDER BY f.rowid DESC LIMIT ?`,
        )
        .all(match, remaining) as typeof rows;
    } else {
      const clauses = terms.map(() => `(${s.like.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`).join(' AND ');
      const args = terms.flatMap((t) => s.like.map(() => `%${t.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`));
      rows = ctx.db
        .prepare(`SELECT t.id, ${s.challenge} AS challenge_id, ${s.title} AS title, ${s.body} AS body FROM ${s.table} t WHERE ${clauses} ORDER BY t.rowid DESC LIMIT ?`)
        .all(...args, remaining) as typeof rows;
    }
    for (const r of rows) hits.push({ kind: s.kind, id: r.id, challengeId: r.challenge_id, title: r.title, snippet: snippet(r.body, terms[0] ?? '') });
  }
  return hits;
}

function snippet(body: string, term: string): string {
  const at = body.indexOf(term);
  if (at < 0) return body.slice(0, 80);
  const start = Math.max(0, at - 30);
  return `${start > 0 ? '…' : ''}${body.slice(start, at + term.length + 50)}${at + term.length + 50 < body.length ? '…' : ''}`;
}
