import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ProgressBar, StatusBadge } from '../../components/Badges';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { unwrap } from '../../lib/api';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import { BoardColumns } from './BoardColumns';
import { BoardTable, SORT_KEYS } from './BoardTable';
import type { Sort } from './BoardTable';
import { BoardTree } from './BoardTree';
import type { Card } from './columns';
import { boardProgress } from './columns';
import { useMoves } from './moves';
import './board.css';

export const VIEW_MODES = ['columns', 'tree', 'table'] as const;
export type ViewMode = (typeof VIEW_MODES)[number];
const VIEW_KEY = 'jiebang.board.view';
const ABOUT_FIELDS = ['description', 'rules', 'process', 'assessmentStandard'] as const;
const SORT_KEY = 'jiebang.board.sort';

function readStored<T>(key: string, valid: (v: unknown) => v is T, fallback: T): T {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    if (raw === null || raw === undefined) return fallback;
    const value: unknown = JSON.parse(raw);
    return valid(value) ? value : fallback;
  } catch {
    return fallback; // storage off or garbage in it: the default is fine
  }
}

function store(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // not remembered; the choice still applies now
  }
}

const isMode = (v: unknown): v is ViewMode => typeof v === 'string' && (VIEW_MODES as readonly string[]).includes(v);
const isSort = (v: unknown): v is Sort =>
  !!v && typeof v === 'object' && (SORT_KEYS as readonly unknown[]).includes((v as Sort).key) && ['asc', 'desc'].includes((v as Sort).dir);

/** Narrows the board by code, title or leader as the person types. */
function matches(card: Card, text: string): boolean {
  if (!text) return true;
  const needle = text.toLowerCase();
  return card.code.toLowerCase().includes(needle) || card.title.toLowerCase().includes(needle) || (card.leaderName ?? '').toLowerCase().includes(needle);
}

/** One board: its challenges as columns by status, as the 子榜 tree, or as a sortable table. */
export function BoardPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation('boards');
  const common = useTranslation('common');
  const f = useFormat();
  const view = useResource(`board:${id}`, (api) => unwrap(api.boards.view({ id })));
  const [mode, setModeState] = useState<ViewMode>(() => readStored(VIEW_KEY, isMode, 'columns'));
  const [sort, setSortState] = useState<Sort>(() => readStored(SORT_KEY, isSort, { key: 'code', dir: 'asc' }));
  const [text, setText] = useState('');
  const moves = useMoves();
  const setMode = (m: ViewMode) => {
    setModeState(m);
    store(VIEW_KEY, m);
  };
  const setSort = useCallback((s: Sort) => {
    setSortState(s);
    store(SORT_KEY, s);
  }, []);
  const data = view.data;
  const codes = useMemo(() => new Map((data?.challenges ?? []).map((c) => [c.id, c.code])), [data]);
  const codeOf = useCallback((cid: string | null) => (cid ? (codes.get(cid) ?? null) : null), [codes]);
  const needle = text.trim();
  const shown = useMemo(() => (data?.challenges ?? []).filter((c) => matches(c, needle)), [data, needle]);

  if (!data) {
    if (view.status === 'error') {
      return (
        <div className="board-page">
          <p className="breadcrumb">
            <Link href={routes.home}>{common.t('backHome')}</Link>
          </p>
          <ErrorState error={view.error} onRetry={view.reload} />
        </div>
      );
    }
    return <Loading />;
  }
  const { board, challenges } = data;
  const progress = boardProgress(challenges);
  const overdue = challenges.filter((c) => c.overdue).length;
  const subs = challenges.filter((c) => c.parentId).length;
  return (
    <div className="board-page">
      <nav className="breadcrumb" aria-label={t('board.breadcrumb')}>
        <Link href={routes.home}>{common.t('nav.boards')}</Link>
        <span aria-current="page">{board.title}</span>
      </nav>
      <header className="board-header">
        <div className="board-heading">
          <h1>{board.title}</h1>
          <StatusBadge kind="boardStatus" status={board.status} />
          <span className="badge">{i18n.t(`domain:boardSource.${board.source}`)}</span>
          <span className="muted">{t('board.period', { start: f.date(board.periodStart), end: f.date(board.periodEnd) })}</span>
        </div>
        <dl className="board-stats">
          <div>
            <dt>{t('board.challenges')}</dt>
            <dd>{t('board.challengeCount', { count: challenges.length - subs, subs })}</dd>
          </div>
          <div className="board-progress">
            <dt>{t('board.progress')}</dt>
            <dd>
              {progress === null ? (
                t('board.noProgress')
              ) : (
                <>
                  <ProgressBar value={progress} label={t('board.progress')} />
                  <span>{f.percent(progress)}</span>
                </>
              )}
            </dd>
          </div>
          <div className={overdue > 0 ? 'stat-alert' : undefined}>
            <dt>{t('board.overdue')}</dt>
            <dd>{f.number(overdue)}</dd>
          </div>
        </dl>
        {board.description || board.rules || board.process || board.assessmentStandard ? (
          <details className="board-about">
            <summary>{t('board.about')}</summary>
            {ABOUT_FIELDS.map((field) =>
              board[field] ? (
                <div key={field} className="board-about-item">
                  <h3>{t(`board.${field}`)}</h3>
                  <p>{board[field]}</p>
                </div>
              ) : null,
            )}
          </details>
        ) : null}
      </header>
      <div className="board-toolbar no-print">
        <div className="view-modes" role="group" aria-label={t('modes.label')}>
          {VIEW_MODES.map((m) => (
            <button key={m} type="button" aria-pressed={mode === m} className={mode === m ? 'is-active' : undefined} onClick={() => setMode(m)}>
              {t(`modes.${m}`)}
            </button>
          ))}
        </div>
        <input
          type="search"
          className="board-filter"
          aria-label={t('board.filter')}
          placeholder={t('board.filter')}
          value={text}
          maxLength={100}
          onChange={(e) => setText(e.target.value)}
        />
        {needle ? <span className="muted">{t('board.filtered', { shown: shown.length, total: challenges.length })}</span> : null}
        {mode === 'columns' ? <span className="muted board-drag-hint">{t('board.dragHint')}</span> : null}
      </div>
      {challenges.length === 0 ? (
        <EmptyState title={t('board.empty')} hint={t('board.emptyHint')} />
      ) : shown.length === 0 ? (
        <EmptyState title={t('board.noMatch')} hint={t('board.noMatchHint')}>
          <button type="button" onClick={() => setText('')}>
            {t('board.clearFilter')}
          </button>
        </EmptyState>
      ) : mode === 'columns' ? (
        <BoardColumns cards={shown} codeOf={codeOf} busyId={moves.busyId} onMove={moves.request} onMoveMenu={moves.openMenu} />
      ) : mode === 'tree' ? (
        <BoardTree cards={shown} />
      ) : (
        <BoardTable cards={shown} sort={sort} onSort={setSort} />
      )}
      {moves.dialog}
    </div>
  );
}
