import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { Light, ProgressBar, StatusBadge } from '../../components/Badges';
import { useFormat } from '../../i18n/format';
import { routes } from '../../lib/routes';
import type { Card } from './columns';

/** The drag payload type: a challenge id, so drops from elsewhere are ignored. */
export const DRAG_TYPE = 'application/x-jiebang-challenge';

/** Every card has this height (px) so thousands can be virtualised without measuring. */
export const CARD_HEIGHT = 138;

export interface ChallengeCardProps {
  card: Card;
  parentCode: string | null;
  /** show the precise status (the column gathers several) */
  showStatus: boolean;
  busy: boolean;
  onDragStart: (card: Card) => void;
  onDragEnd: () => void;
  onMoveMenu: (card: Card) => void;
}

/** A challenge on the board: drag it to another column, or use "move to…"; a click opens it. */
export const ChallengeCard = memo(function ChallengeCard({ card, parentCode, showStatus, busy, onDragStart, onDragEnd, onMoveMenu }: ChallengeCardProps) {
  const { t, i18n } = useTranslation('boards');
  const f = useFormat();
  const [, navigate] = useLocation();
  return (
    <article
      className={`challenge-card${card.overdue ? ' is-overdue' : ''}${busy ? ' is-busy' : ''}`}
      style={{ height: CARD_HEIGHT }}
      draggable
      aria-busy={busy || undefined}
      data-challenge-id={card.id}
      data-status={card.status}
      aria-label={t('card.label', { code: card.code, title: card.title })}
      onDragStart={(e) => {
        if (e.dataTransfer) {
          e.dataTransfer.effectAllowed = 'move';
          e.dataTransfer.setData(DRAG_TYPE, card.id);
          e.dataTransfer.setData('text/plain', `${card.code} ${card.title}`);
        }
        onDragStart(card);
      }}
      onDragEnd={onDragEnd}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('a, button')) return;
        navigate(routes.challenge(card.id));
      }}
    >
      <div className="card-top">
        <span className="card-code">{card.code}</span>
        <span className="card-category">{i18n.t(`domain:category.${card.category}`)}</span>
        {card.overdue ? <span className="overdue-mark">{t('card.overdue')}</span> : null}
      </div>
      <div className="card-title">
        {showStatus ? <StatusBadge kind="challengeStatus" status={card.status} /> : null}
        <Link href={routes.challenge(card.id)} draggable={false} title={card.title}>
          {parentCode ? (
            <span className="card-sub-arrow" title={t('card.subOf', { code: parentCode })}>
              <span className="visually-hidden">{t('card.subOf', { code: parentCode })}</span>
            </span>
          ) : null}
          {card.title}
        </Link>
      </div>
      <div className="card-meta">
        <span className="card-leader">{card.leaderName ?? t('card.noLeader')}</span>
        <span>{t('card.deadline', { date: f.date(card.deadline) })}</span>
      </div>
      <div className="card-bottom">
        <Light light={card.light} />
        <ProgressBar value={card.progress} label={t('card.progress', { code: card.code })} />
        <span className="card-percent">{f.percent(card.progress)}</span>
        {card.subCount > 0 ? <span className="card-subcount">{t('card.subCount', { count: card.subCount })}</span> : null}
        {card.status === 'published' && card.claimCount > 0 ? (
          <span className="card-subcount">{t('card.claimCount', { count: card.claimCount })}</span>
        ) : null}
        <button
          type="button"
          className="card-move no-print"
          aria-haspopup="dialog"
          aria-label={t('card.moveLabel', { code: card.code })}
          title={t('card.moveLabel', { code: card.code })}
          onClick={() => onMoveMenu(card)}
        >
          {t('card.move')}
        </button>
      </div>
    </article>
  );
});
