import { dispatch } from '../../main/contract/dispatch';
import type { Input, MethodName, Output } from '../../main/contract';
import { openDatabase } from '../../main/db/open';
import { seedDemoData } from '../../main/demo/seed';
import type { Site } from '../../main/domain/entities';
import { CATEGORIES } from '../../main/domain/vocabulary';
import type { ServiceContext } from '../../main/services/context';
import { currentPersonId } from '../../main/services/org';
import { loadReplica } from '../../main/sync/replica';
import { Rng, text } from '../store/words';

/**
 * The UI benchmark's data: the demo data set (three boards, the four founding cases) plus one large
 * board of `count` challenges (one in ten a 子榜), made through the real services in this process —
 * the same `challenges.create` / `boards.publish` / `challenges.withdraw` calls the UI makes, as the
 * HQ officer the demo leaves on the device — and committed in batches so 10,000 take seconds.
 */
export const BENCH_MARK = '压测';

export interface UiBenchData {
  bigBoardId: string;
  bigBoardTitle: string;
  smallBoardId: string;
  smallBoardTitle: string;
  /** top-level challenge titles of the small board: what a card on it shows */
  smallBoardTitles: string[];
  challenges: number;
  subChallenges: number;
  byStatus: Record<string, number>;
  buildSeconds: number;
}

export function buildUiBenchStore(file: string, count: number, seed = 20261124): UiBenchData {
  const started = performance.now();
  const db = openDatabase(file);
  try {
    loadReplica(db);
    const now = () => new Date();
    seedDemoData(db, { now });
    const ctx: ServiceContext = { db, actorId: null, now };
    ctx.actorId = currentPersonId(ctx);
    const call = <M extends MethodName>(method: M, input: Input<M>): Output<M> => {
      const result = dispatch(ctx, method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as Output<M>;
    };

    const r = new Rng(seed);
    const sites = (call('sites.list', {}) as Site[]).filter((s) => s.kind === 'site');
    const today = now().toISOString().slice(0, 10);
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const boardTitle = `${BENCH_MARK}榜单：${count.toLocaleString('en-US')} 项榜题`;
    const board = call('boards.create', {
      title: boardTitle, source: 'enterprise', issuerSiteId: call('session.get', {}).site!.id,
      description: '界面性能基准：一张有一万项榜题的榜单。', rules: '集团各单位均可揭榜。',
      process: '发榜 → 揭榜 → 挂帅 → 立状 → 攻关 → 验收 → 考核', assessmentStandard: '按军令状约定的指标考核。',
      periodStart: today, periodEnd: inDays(365),
    });

    const parents: string[] = [];
    const batch = 500;
    let subs = 0;
    for (let start = 0; start < count; start += batch) {
      db.transaction(() => {
        for (let i = start; i < Math.min(count, start + batch); i++) {
          // every tenth is a 子榜 of an earlier challenge
          const parentId = i % 10 === 9 && parents.length ? r.pick(parents) : null;
          const n = String(i + 1).padStart(5, '0');
          const created = call('challenges.create', {
            boardId: board.id, parentId, code: parentId ? '' : `YC-${n}`,
            title: `${BENCH_MARK}${n}：${text.challengeTitle(r)}`,
            category: r.pick(CATEGORIES), background: text.background(r), eligibility: text.eligibility(r),
            acceptanceCriteria: text.acceptance(r), reward: text.reward(r), deadline: inDays(r.int(-30, 400)),
            teamMode: r.chance(0.1) ? 'horse_race' : r.chance(0.2) ? 'joint' : 'solo', required: true,
            siteId: r.pick(sites).id,
            kpis: [{ name: '关键指标', baseline: String(r.int(10, 60)), target: String(r.int(70, 99)), unit: '%', method: '现场实测' }],
          });
          if (parentId) subs++;
          else parents.push(created.id);
        }
      })();
    }
    // publishing the board publishes every draft on it (one write); a few are then withdrawn or fail,
    // so the board has more than one status column
    call('boards.publish', { id: board.id });
    const ids = db.prepare('SELECT id FROM challenges WHERE board_id = ? AND parent_id IS NULL ORDER BY code').pluck().all(board.id) as string[];
    db.transaction(() => {
      ids.forEach((id, i) => {
        if (i % 20 === 7) call('challenges.withdraw', { id, reason: text.reason(r) });
        else if (i % 20 === 13) call('challenges.fail', { id, reason: '无人揭榜' });
      });
    })();

    const byStatus = Object.fromEntries(
      (db.prepare('SELECT status, count(*) AS n FROM challenges WHERE board_id = ? GROUP BY status').all(board.id) as { status: string; n: number }[]).map((x) => [x.status, x.n]),
    );
    // the other board: the demo's fullest published one (the four founding cases)
    const small = call('boards.list', {})
      .filter((b) => b.id !== board.id && b.status === 'published' && b.challengeCount > 0)
      .sort((a, b) => b.challengeCount - a.challengeCount)[0];
    if (!small) throw new Error('the demo data has no published board');
    const smallTitles = db.prepare('SELECT title FROM challenges WHERE board_id = ? AND parent_id IS NULL').pluck().all(small.id) as string[];
    db.pragma('wal_checkpoint(TRUNCATE)');
    return {
      bigBoardId: board.id,
      bigBoardTitle: boardTitle,
      smallBoardId: small.id,
      smallBoardTitle: small.title,
      smallBoardTitles: smallTitles,
      challenges: count,
      subChallenges: subs,
      byStatus,
      buildSeconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    db.close();
  }
}
