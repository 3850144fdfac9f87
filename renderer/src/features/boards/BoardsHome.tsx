import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ProgressBar, StatusBadge } from '../../components/Badges';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { unwrap } from '../../lib/api';
import { routes } from '../../lib/routes';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { BoardTable } from '../board/BoardTable';
import type { Sort } from '../board/BoardTable';
import type { Card, ColumnId } from '../board/columns';
import { boardProgress, COLUMN_IDS, groupByColumn } from '../board/columns';
import { CATEGORY_CODES, EMPTY_FILTERS, filterActive, matchesFilters, readFilters, rememberFilters } from './filters';
import type { Filters } from './filters';
import '../board/board.css';
import './boards.css';

type HomeCard = Card & { boardId: string };

/** Every board with its progress and counts; filters list the matching challenges across boards. */
export function BoardsHome() {
  const { t } = useTranslation('boards');
  const person = useSession((s) => s.session?.person ?? null);
  const [filters, setFiltersState] = useState<Filters>(readFilters);
  const [sort, setSort] = useState<Sort>({ key: 'code', dir: 'asc' });
  const setFilters = useCallback((next: Filters) => {
    setFiltersState(next);
    rememberFilters(next);
  }, []);
  const patch = (change: Partial<Filters>) => setFilters({ ...filters, ...change });

  const home = useResource('boards-home', async (api) => {
    const [boards, sites] = await Promise.all([unwrap(api.boards.list({})), unwrap(api.sites.list({}))]);
    const views = await Promise.all(boards.map((b) => unwrap(api.boards.view({ id: b.id }))));
    const cards: HomeCard[] = views.flatMap((v) => v.challenges.map((c) => ({ ...c, boardId: v.board.id })));
    return { boards, sites, cards };
  });

  // "mine": challenges I lead or claimed (people.get), and those whose 军令状 names me as a party
  const mineKey = filters.mine && person ? `boards-home-mine:${person.id}` : 'boards-home-mine:off';
  const mine = useResource(mineKey, async (api) => {
    if (!filters.mine || !person) return new Set<string>();
    const me = await unwrap(api.people.get({ id: person.id }));
    const pledges = await Promise.all(me.pledges.filter((p) => p.status !== 'voided').map((p) => unwrap(api.pledges.get({ id: p.id }))));
    return new Set([...me.challenges.map((c) => c.id), ...pledges.map((p) => p.pledge.challengeId)]);
  });

  const active = filterActive(filters);
  const data = home.data;
  const matched = useMemo(() => {
    if (!data || !active) return [];
    return data.cards.filter((c) => matchesFilters(c, filters, mine.data ?? null));
  }, [data, active, filters, mine.data]);
  const matchedByBoard = useMemo(() => {
    const out = new Map<string, number>();
    for (const c of matched) out.set(c.boardId, (out.get(c.boardId) ?? 0) + 1);
    return out;
  }, [matched]);
  const boardTitles = useMemo(() => new Map((data?.boards ?? []).map((b) => [b.id, { id: b.id, title: b.title }])), [data]);
  const boardOf = useCallback((c: Card) => boardTitles.get((c as HomeCard).boardId) ?? null, [boardTitles]);

  if (!data) return home.status === 'error' ? <ErrorState error={home.error} onRetry={home.reload} /> : <Loading />;
  const { boards, sites, cards } = data;
  const mineLoading = filters.mine && !!person && mine.status === 'loading' && !mine.data;
  const shownBoards = active ? boards.filter((b) => matchedByBoard.has(b.id)) : boards;

  return (
    <div className="boards-home">
      <div className="home-heading">
        <h1>{t('home.title')}</h1>
        <span className="muted">{t('home.summary', { boards: boards.length, challenges: cards.length })}</span>
      </div>
      {boards.length === 0 ? (
        <EmptyState title={t('home.empty')} hint={t('home.emptyHint')}>
          <Link href={routes.sync}>{t('home.emptyAction')}</Link>
        </EmptyState>
      ) : (
        <>
          <FilterBar filters={filters} sites={sites} personKnown={!!person} onChange={patch} onClear={() => setFilters(EMPTY_FILTERS)} />
          <p className="filter-summary" role="status">
            {!active ? t('home.filterHint') : mineLoading ? '' : t('home.matched', { count: matched.length, boards: shownBoards.length })}
          </p>
          <ul className="board-grid">
            {shownBoards.map((b) => (
              <BoardSummary
                key={b.id}
                board={b}
                cards={cards.filter((c) => c.boardId === b.id)}
                matched={active ? (matchedByBoard.get(b.id) ?? 0) : null}
              />
            ))}
          </ul>
          {active ? (
            <section className="home-results" aria-labelledby="home-results-heading">
              <h2 id="home-results-heading">{t('home.results')}</h2>
              {mineLoading ? (
                <Loading />
              ) : mine.status === 'error' && filters.mine ? (
                <ErrorState error={mine.error} onRetry={mine.reload} />
              ) : matched.length === 0 ? (
                <EmptyState title={t('home.noMatch')} hint={filters.mine ? t('home.noMatchMine') : t('home.noMatchHint')}>
                  <button type="button" onClick={() => setFilters(EMPTY_FILTERS)}>
                    {t('filters.clear')}
                  </button>
                </EmptyState>
              ) : (
                <BoardTable cards={matched} sort={sort} onSort={setSort} boardOf={boardOf} />
              )}
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

function FilterBar({
  filters, sites, personKnown, onChange, onClear,
}: {
  filters: Filters;
  sites: { id: string; name: string }[];
  personKnown: boolean;
  onChange: (change: Partial<Filters>) => void;
  onClear: () => void;
}) {
  const { t, i18n } = useTranslation('boards');
  const ids = { category: useId(), site: useId(), status: useId(), overdue: useId(), mine: useId(), mineHint: useId() };
  return (
    <form className="home-filters no-print" role="search" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      <div className="filter-field">
        <label htmlFor={ids.category}>{t('filters.category')}</label>
        <select id={ids.category} value={filters.category} onChange={(e) => onChange({ category: e.target.value as Filters['category'] })}>
          <option value="">{t('filters.all')}</option>
          {CATEGORY_CODES.map((c) => (
            <option key={c} value={c}>
              {i18n.t(`domain:category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={ids.site}>{t('filters.site')}</label>
        <select id={ids.site} value={filters.siteId} onChange={(e) => onChange({ siteId: e.target.value })}>
          <option value="">{t('filters.all')}</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={ids.status}>{t('filters.status')}</label>
        <select id={ids.status} value={filters.column} onChange={(e) => onChange({ column: e.target.value as Filters['column'] })}>
          <option value="">{t('filters.all')}</option>
          {COLUMN_IDS.map((c) => (
            <option key={c} value={c}>
              {t(`columns.${c}.title`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-check">
        <input id={ids.overdue} type="checkbox" checked={filters.overdue} onChange={(e) => onChange({ overdue: e.target.checked })} />
        <label htmlFor={ids.overdue}>{t('filters.overdue')}</label>
      </div>
      <div className="filter-check">
        <input
          id={ids.mine}
          type="checkbox"
          checked={filters.mine}
          disabled={!personKnown}
          aria-describedby={ids.mineHint}
          onChange={(e) => onChange({ mine: e.target.checked })}
        />
        <label htmlFor={ids.mine}>{t('filters.mine')}</label>
        <span id={ids.mineHint} className="visually-hidden">
          {t('filters.mineHint')}
        </span>
      </div>
      {filterActive(filters) ? (
        <button type="button" onClick={onClear}>
          {t('filters.clear')}
        </button>
      ) : null}
    </form>
  );
}

function BoardSummary({ board, cards, matched }: { board: { id: string; title: string; status: string; source: string; periodStart: string; periodEnd: string }; cards: Card[]; matched: number | null }) {
  const { t, i18n } = useTranslation('boards');
  const f = useFormat();
  const headingId = useId();
  const byColumn = groupByColumn(cards);
  const progress = boardProgress(cards);
  const overdue = cards.filter((c) => c.overdue).length;
  const subs = cards.filter((c) => c.parentId).length;
  const counted = COLUMN_IDS.filter((c) => byColumn[c].length > 0);
  return (
    <li className="board-summary" aria-labelledby={headingId} data-board-id={board.id}>
      <div className="summary-top">
        <h2 id={headingId}>
          <Link href={routes.board(board.id)}>{board.title}</Link>
        </h2>
        <StatusBadge kind="boardStatus" status={board.status} />
      </div>
      <p className="summary-meta muted">
        {i18n.t(`domain:boardSource.${board.source}`)}
        {' · '}
        {t('board.period', { start: f.date(board.periodStart), end: f.date(board.periodEnd) })}
      </p>
      <div className="summary-progress">
        <span className="muted">{t('board.progress')}</span>
        {progress === null ? (
          <span className="muted">{t('board.noProgress')}</span>
        ) : (
          <>
            <ProgressBar value={progress} label={t('home.progressOf', { title: board.title })} />
            <strong>{f.percent(progress)}</strong>
          </>
        )}
      </div>
      <p className="summary-counts">
        <span>{t('board.challengeCount', { count: cards.length - subs, subs })}</span>
        <span className={overdue > 0 ? 'summary-overdue' : 'muted'}>{overdue > 0 ? t('home.overdue', { count: overdue }) : t('home.noOverdue')}</span>
        {matched !== null ? <span className="summary-matched">{t('home.matchedHere', { count: matched })}</span> : null}
      </p>
      {counted.length === 0 ? (
        <p className="muted">{t('home.noChallenges')}</p>
      ) : (
        <ul className="status-chips" aria-label={t('home.byStatus')}>
          {counted.map((c: ColumnId) => (
            <li key={c} className={`status-chip chip-${c}`}>
              <span>{t(`columns.${c}.title`)}</span>
              <strong>{f.number(byColumn[c].length)}</strong>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
