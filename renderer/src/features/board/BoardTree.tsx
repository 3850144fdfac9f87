import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Light, ProgressBar, StatusBadge } from '../../components/Badges';
import { useFormat } from '../../i18n/format';
import { routes } from '../../lib/routes';
import type { Card } from './columns';
import { observeRectWithFallback } from './virtual';

const ROW_HEIGHT = 46;
const MAX_DEPTH = 20;

interface Row {
  card: Card;
  depth: number;
  childCount: number;
}

/** Visible rows: the top-level challenges, each followed by its 子榜 while it is expanded. */
export function treeRows(cards: readonly Card[], collapsed: ReadonlySet<string>): Row[] {
  const ids = new Set(cards.map((c) => c.id));
  const children = new Map<string, Card[]>();
  const roots: Card[] = [];
  for (const c of cards) {
    if (c.parentId && ids.has(c.parentId)) {
      const list = children.get(c.parentId) ?? [];
      list.push(c);
      children.set(c.parentId, list);
    } else {
      roots.push(c);
    }
  }
  const rows: Row[] = [];
  const walk = (card: Card, depth: number) => {
    const kids = children.get(card.id) ?? [];
    rows.push({ card, depth, childCount: kids.length });
    if (depth < MAX_DEPTH && !collapsed.has(card.id)) for (const kid of kids) walk(kid, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return rows;
}

/** One row; memoised, so scrolling renders only the rows that come into view. */
const TreeRow = memo(function TreeRow({ row, top, open, onToggle }: { row: Row; top: number; open: boolean; onToggle: (id: string) => void }) {
  const { t, i18n } = useTranslation('boards');
  const f = useFormat();
  const { card, depth, childCount } = row;
  return (
    <li
      className={`tree-row depth-${Math.min(depth, 3)}${card.overdue ? ' is-overdue' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      data-challenge-id={card.id}
    >
      <span className="tree-main" style={{ paddingLeft: depth * 24 }}>
        {childCount > 0 ? (
          <button
            type="button"
            className={`tree-toggle${open ? ' is-open' : ''}`}
            aria-expanded={open}
            aria-label={t(open ? 'tree.collapse' : 'tree.expand', { code: card.code, count: childCount })}
            onClick={() => onToggle(card.id)}
          >
            <span className="tree-arrow" aria-hidden="true" />
          </button>
        ) : (
          <span className="tree-toggle-space" aria-hidden="true" />
        )}
        <span className="card-code">{card.code}</span>
        <Link href={routes.challenge(card.id)} className="tree-title" title={card.title}>
          {card.title}
        </Link>
        {childCount > 0 ? <span className="card-subcount">{t('card.subCount', { count: childCount })}</span> : null}
        {card.overdue ? <span className="overdue-mark">{t('card.overdue')}</span> : null}
      </span>
      <span className="tree-category">{i18n.t(`domain:category.${card.category}`)}</span>
      <span className="tree-status">
        <StatusBadge kind="challengeStatus" status={card.status} />
      </span>
      <span className="tree-leader">{card.leaderName ?? '—'}</span>
      <span className="tree-deadline">{f.date(card.deadline)}</span>
      <span className="tree-light">{card.light ? <Light light={card.light} /> : null}</span>
      <span className="tree-progress">
        <ProgressBar value={card.progress} label={t('card.progress', { code: card.code })} />
        <span className="card-percent">{f.percent(card.progress)}</span>
      </span>
    </li>
  );
});

/** Challenges with their 子榜 nested under them; a parent opens and closes. Virtualised by rows. */
export function BoardTree({ cards }: { cards: readonly Card[] }) {
  const { t } = useTranslation('boards');
  const scrollRef = useRef<HTMLDivElement>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => treeRows(cards, collapsed), [cards, collapsed]);
  const parents = useMemo(() => cards.filter((c) => c.subCount > 0).map((c) => c.id), [cards]);
  // stable between renders, so the virtualiser does not re-measure every row on each scroll
  const getItemKey = useCallback((index: number) => rows[index]?.card.id ?? index, [rows]);
  // eslint-disable-next-line react-hooks/incompatible-library -- see BoardColumns
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    observeElementRect: observeRectWithFallback,
    getItemKey,
  });
  const toggle = useCallback(
    (id: string) =>
      setCollapsed((prev) => {
        const next = new Set(prev);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  return (
    <div className="board-tree">
      <div className="tree-tools no-print">
        <button type="button" onClick={() => setCollapsed(new Set())} disabled={collapsed.size === 0}>
          {t('tree.expandAll')}
        </button>
        <button type="button" onClick={() => setCollapsed(new Set(parents))} disabled={parents.length === 0 || collapsed.size === parents.length}>
          {t('tree.collapseAll')}
        </button>
      </div>
      <div className="tree-scroll" ref={scrollRef}>
        <ul className="tree-list" aria-label={t('tree.label')} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] as Row;
            return <TreeRow key={item.key} row={row} top={item.start} open={!collapsed.has(row.card.id)} onToggle={toggle} />;
          })}
        </ul>
      </div>
    </div>
  );
}
