import { useCallback, useMemo, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { CARD_HEIGHT, ChallengeCard, DRAG_TYPE } from './ChallengeCard';
import type { Card, ColumnId, TargetId } from './columns';
import { COLUMN_IDS, groupByColumn, resolveMove } from './columns';
import type { ChallengeStatus } from '../../../../main/domain/machines';
import { useTargetLabel } from './moves';
import { observeRectWithFallback } from './virtual';

const GAP = 8;

/** A card shows its own status when it differs from what the column's name says. */
const PRIMARY_STATUS: Record<ColumnId, ChallengeStatus | null> = {
  draft: 'draft', open: 'published', claiming: 'published', appointed: 'appointed', pledged: 'pledged',
  in_progress: 'in_progress', acceptance: 'acceptance_requested', done: null, closed: null,
};

interface ColumnsProps {
  cards: readonly Card[];
  codeOf: (id: string | null) => string | null;
  busyId: string | null;
  onMove: (card: Card, target: TargetId) => void;
  onMoveMenu: (card: Card) => void;
}

/** How a target takes the card being dragged: a real step, a step done elsewhere, or none. */
function dropTone(card: Card | null, target: TargetId): string {
  if (!card) return '';
  const kind = resolveMove(card, target).kind;
  if (kind === 'none') return ' drop-here';
  if (kind === 'call' || kind === 'reason') return ' drop-ok';
  if (kind === 'open') return ' drop-elsewhere';
  return ' drop-no';
}

/** The board as columns by status, each one virtualised (thousands of cards stay smooth). */
export function BoardColumns({ cards, codeOf, busyId, onMove, onMoveMenu }: ColumnsProps) {
  const byColumn = groupByColumn(cards);
  const byId = useMemo(() => new Map(cards.map((c) => [c.id, c])), [cards]);
  // the card being dragged: kept here too, as some drags carry no data transfer to read back
  const [dragged, setDragged] = useState<Card | null>(null);
  const draggedRef = useRef<Card | null>(null);
  const onDragStart = useCallback((card: Card) => {
    draggedRef.current = card;
    setDragged(card);
  }, []);
  const onDragEnd = useCallback(() => {
    draggedRef.current = null;
    setDragged(null);
  }, []);
  const drop = useCallback(
    (e: DragEvent, target: TargetId) => {
      e.preventDefault();
      e.stopPropagation();
      const id = e.dataTransfer?.getData?.(DRAG_TYPE) || draggedRef.current?.id;
      draggedRef.current = null;
      setDragged(null);
      const card = id ? byId.get(id) : undefined;
      if (card) onMove(card, target);
    },
    [byId, onMove],
  );
  return (
    <div
      className="board-columns"
      // empty columns fold to narrow drop targets, so the busy ones get the room and all fit on screen
      style={{ gridTemplateColumns: COLUMN_IDS.map((c) => (byColumn[c].length > 0 ? 'minmax(210px, 1fr)' : '46px')).join(' ') }}
    >
      {COLUMN_IDS.map((column) => (
        <Column
          key={column}
          column={column}
          cards={byColumn[column]}
          codeOf={codeOf}
          busyId={busyId}
          dragged={dragged}
          onDrop={drop}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onMoveMenu={onMoveMenu}
        />
      ))}
    </div>
  );
}

interface ColumnProps {
  column: ColumnId;
  cards: Card[];
  codeOf: (id: string | null) => string | null;
  busyId: string | null;
  dragged: Card | null;
  onDrop: (e: DragEvent, target: TargetId) => void;
  onDragStart: (card: Card) => void;
  onDragEnd: () => void;
  onMoveMenu: (card: Card) => void;
}

function allowDrop(e: DragEvent) {
  e.preventDefault();
  if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
}

function Column({ column, cards, codeOf, busyId, dragged, onDrop, onDragStart, onDragEnd, onMoveMenu }: ColumnProps) {
  const { t } = useTranslation('boards');
  const f = useFormat();
  const targetLabel = useTargetLabel();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState<TargetId | null>(null);
  // stable between renders, so the virtualiser does not re-measure every row on each scroll
  const getItemKey = useCallback((index: number) => cards[index]?.id ?? index, [cards]);
  // the virtualiser's functions change every render by design; this app does not use the React Compiler
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT + GAP,
    overscan: 4,
    observeElementRect: observeRectWithFallback,
    getItemKey,
  });
  const empty = cards.length === 0;
  // 暂停 and 归档 act on cards already in the column: no strip while it is empty
  const strip: TargetId | null = empty ? null : column === 'in_progress' ? 'suspend' : column === 'done' ? 'archive' : null;
  const headingId = `board-column-${column}`;
  const primary = PRIMARY_STATUS[column];
  return (
    <section
      className={`board-column column-${column}${empty ? ' is-folded' : ''}${over === column ? ' is-over' : ''}${dropTone(dragged, column)}`}
      title={empty ? t('columns.folded', { title: t(`columns.${column}.title`), hint: t(`columns.${column}.hint`) }) : undefined}
      aria-labelledby={headingId}
      data-column={column}
      onDragOver={allowDrop}
      onDragEnter={() => setOver(column)}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(null);
      }}
      onDrop={(e) => {
        setOver(null);
        onDrop(e, column);
      }}
    >
      <header className="column-header" title={t(`columns.${column}.hint`)}>
        <h2 id={headingId}>
          <span className="column-title">{t(`columns.${column}.title`)}</span>
          <span className="column-count" aria-label={t('columns.count', { count: cards.length })}>
            {f.number(cards.length)}
          </span>
        </h2>
        {empty ? <p className="visually-hidden">{t(`columns.${column}.hint`)}</p> : <p className="column-hint">{t(`columns.${column}.hint`)}</p>}
      </header>
      {strip ? (
        <div
          className={`drop-strip${over === strip ? ' is-over' : ''}${dropTone(dragged, strip)}`}
          data-target={strip}
          onDragOver={allowDrop}
          onDragEnter={(e) => {
            e.stopPropagation();
            setOver(strip);
          }}
          onDragLeave={(e) => {
            e.stopPropagation();
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(column);
          }}
          onDrop={(e) => {
            setOver(null);
            onDrop(e, strip);
          }}
        >
          {t(`targets.${strip}Drop`, { target: targetLabel(strip) })}
        </div>
      ) : null}
      <div className="column-body" ref={scrollRef}>
        {empty ? null : (
          <div className="column-inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const card = cards[item.index] as Card;
              return (
                <div key={item.key} className="column-slot" style={{ transform: `translateY(${item.start}px)`, height: CARD_HEIGHT }}>
                  <ChallengeCard
                    card={card}
                    parentCode={codeOf(card.parentId)}
                    showStatus={card.status !== primary}
                    busy={busyId === card.id}
                    onDragStart={onDragStart}
                    onDragEnd={onDragEnd}
                    onMoveMenu={onMoveMenu}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
