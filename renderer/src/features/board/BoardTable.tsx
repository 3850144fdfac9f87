import { memo, useCallback, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Light, ProgressBar, StatusBadge } from '../../components/Badges';
import { useFormat } from '../../i18n/format';
import { routes } from '../../lib/routes';
import type { Card } from './columns';
import { lightRank, STATUS_ORDER } from './columns';
import { observeRectWithFallback } from './virtual';

export const SORT_KEYS = ['code', 'title', 'category', 'status', 'leader', 'deadline', 'progress', 'light'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const ROW_HEIGHT = 44;

/** Sorts cards by a column, in the reader's language (pinyin order for Chinese names). */
export function sortCards(cards: readonly Card[], sort: Sort, language: string, categoryLabel: (c: Card) => string): Card[] {
  const collator = new Intl.Collator(language, { numeric: true, sensitivity: 'base' });
  const by: Record<SortKey, (a: Card, b: Card) => number> = {
    code: (a, b) => collator.compare(a.code, b.code),
    title: (a, b) => collator.compare(a.title, b.title),
    category: (a, b) => collator.compare(categoryLabel(a), categoryLabel(b)),
    status: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
    // no leader sorts last either way
    leader: (a, b) => (a.leaderName === null ? (b.leaderName === null ? 0 : 1) : b.leaderName === null ? -1 : collator.compare(a.leaderName, b.leaderName)),
    deadline: (a, b) => a.deadline.localeCompare(b.deadline),
    progress: (a, b) => a.progress - b.progress,
    light: (a, b) => lightRank(a.light) - lightRank(b.light),
  };
  const compare = by[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  // ties keep code order, so the table never shuffles between reloads
  return [...cards].sort((a, b) => sign * compare(a, b) || collator.compare(a.code, b.code));
}

function boardCell(board: { id: string; title: string } | null) {
  return board ? (
    <Link href={routes.board(board.id)} title={board.title}>
      {board.title}
    </Link>
  ) : (
    '—'
  );
}

interface RowProps {
  card: Card;
  index: number;
  /** undefined: no board column; null: board unknown */
  board: { id: string; title: string } | null | undefined;
}

/** One row; memoised, so scrolling renders only the rows that come into view. */
const TableRow = memo(function TableRow({ card: c, index, board, top }: RowProps & { top: number }) {
  const { t, i18n } = useTranslation('boards');
  const f = useFormat();
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`bt-row${c.overdue ? ' is-overdue' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <div role="cell" className="col-code">
        {c.code}
      </div>
      <div role="cell" className="col-title">
        <Link href={routes.challenge(c.id)} title={c.title}>
          {c.parentId ? <span className="card-sub">{t('table.sub')}</span> : null}
          {c.title}
        </Link>
        {c.overdue ? <span className="overdue-mark">{t('card.overdue')}</span> : null}
      </div>
      {board !== undefined ? (
        <div role="cell" className="col-board">
          {boardCell(board)}
        </div>
      ) : null}
      <div role="cell" className="col-category">
        {i18n.t(`domain:category.${c.category}`)}
      </div>
      <div role="cell" className="col-status">
        <StatusBadge kind="challengeStatus" status={c.status} />
      </div>
      <div role="cell" className="col-leader">
        {c.leaderName ?? '—'}
      </div>
      <div role="cell" className="col-deadline">
        {f.date(c.deadline)}
      </div>
      <div role="cell" className="col-progress">
        <ProgressBar value={c.progress} label={t('card.progress', { code: c.code })} />
        <span className="card-percent">{f.percent(c.progress)}</span>
      </div>
      <div role="cell" className="col-light">
        {c.light ? <Light light={c.light} /> : '—'}
      </div>
    </div>
  );
});

const GRID = {
  code: '120px', title: 'minmax(220px, 1fr)', board: 'minmax(140px, 220px)', category: '120px', status: '112px', leader: '100px',
  deadline: '130px', progress: '170px', light: '90px',
} as const;

/**
 * Every challenge of the board in one sortable table, virtualised by rows. It is an ARIA table of
 * positioned rows rather than <table>: rows move by transform, so scrolling 10,000 of them never
 * re-lays out the whole table.
 */
export function BoardTable({
  cards, sort, onSort, boardOf,
}: {
  cards: readonly Card[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  /** lists from several boards name each row's board */
  boardOf?: (card: Card) => { id: string; title: string } | null;
}) {
  const { t, i18n } = useTranslation('boards');
  const scrollRef = useRef<HTMLDivElement>(null);
  const sorted = useMemo(
    () => sortCards(cards, sort, i18n.language, (c) => i18n.t(`domain:category.${c.category}`)),
    [cards, sort, i18n],
  );
  // stable between renders, so the virtualiser does not re-measure every row on each scroll
  const getItemKey = useCallback((index: number) => sorted[index]?.id ?? index, [sorted]);
  // eslint-disable-next-line react-hooks/incompatible-library -- see BoardColumns
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    observeElementRect: observeRectWithFallback,
    getItemKey,
  });
  const keys: (SortKey | 'board')[] = boardOf ? ['code', 'title', 'board', ...SORT_KEYS.slice(2)] : [...SORT_KEYS];
  const gridTemplateColumns = keys.map((k) => GRID[k]).join(' ');
  const header = (key: SortKey | 'board') => {
    if (key === 'board') {
      return (
        <div key={key} role="columnheader" className="col-board">
          <span className="plain-header">{t('table.board')}</span>
        </div>
      );
    }
    const active = sort.key === key;
    return (
      <div key={key} role="columnheader" className={`col-${key}`} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => onSort({ key, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}>
          {t(`table.${key}`)}
          <span className="sort-arrow" aria-hidden="true">
            {active ? (sort.dir === 'asc' ? '↑' : '↓') : ''}
          </span>
        </button>
      </div>
    );
  };
  return (
    <div className="board-table-scroll" ref={scrollRef}>
      <div
        role="table"
        className="board-table"
        aria-label={t('table.caption', { count: sorted.length })}
        aria-rowcount={sorted.length + 1}
        style={{ ['--bt-columns' as string]: gridTemplateColumns }}
      >
        <div role="rowgroup" className="bt-head">
          <div role="row" aria-rowindex={1} className="bt-row bt-header-row">
            {keys.map(header)}
          </div>
        </div>
        <div role="rowgroup" className="bt-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const c = sorted[item.index] as Card;
            return <TableRow key={item.key} card={c} index={item.index} top={item.start} board={boardOf ? boardOf(c) : undefined} />;
          })}
        </div>
      </div>
    </div>
  );
}
