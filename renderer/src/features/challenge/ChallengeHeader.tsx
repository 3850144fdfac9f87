import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Light, ProgressBar, StatusBadge } from '../../components/Badges';
import { ConfirmDialog, TextDialog } from '../../components/Dialog';
import { useFormat } from '../../i18n/format';
import { unwrap, useApi } from '../../lib/api';
import { routes } from '../../lib/routes';
import { isHq, useSession } from '../../lib/session';
import { useAction } from '../../lib/use-action';
import type { LifecycleAction, Site } from './model';
import { lifecycleActions } from './model';
import type { ChallengeDetail } from './types';

/** The top of the page: who, what, where, when, how far — and the life-cycle moves for this status. */
export function ChallengeHeader({ detail, sites }: { detail: ChallengeDetail; sites: Site[] }) {
  const { t } = useTranslation('challenge');
  const f = useFormat();
  const { challenge, board, parent, card } = detail;
  const site = sites.find((s) => s.id === challenge.siteId);
  const leaderName = challenge.leaderId ? (detail.people[challenge.leaderId] ?? card.leaderName) : null;
  // the card is overdue for a passed deadline or for overdue milestones; the deadline is only marked for the first
  const deadlineLate = card.overdue && (card.overdueMilestones === 0 || challenge.deadline < localToday());
  return (
    <header className="challenge-header panel">
      <div className="challenge-header-main">
        <p className="challenge-kicker">
          <span className="challenge-code">{challenge.code}</span>
          {parent ? <span className="challenge-tag">{t('header.sub')}</span> : null}
          <span className="challenge-tag">{t(`domain:category.${challenge.category}`)}</span>
          <span className="challenge-tag">{t(`domain:teamMode.${challenge.teamMode}`)}</span>
        </p>
        <h1 id="challenge-title">{challenge.title}</h1>
        <p className="challenge-status-line">
          <StatusBadge kind="challengeStatus" status={challenge.status} />
          <Light light={card.light} />
          {deadlineLate ? <span className="challenge-overdue">{t('header.overdue')}</span> : null}
          {card.overdueMilestones > 0 ? (
            <span className="challenge-overdue-count">{t('header.overdueMilestones', { count: card.overdueMilestones })}</span>
          ) : null}
        </p>
        {challenge.statusReason ? (
          <p className="challenge-reason">
            <span className="muted">{t('header.statusReason')}</span> {challenge.statusReason}
          </p>
        ) : null}
        <dl className="challenge-facts">
          <div>
            <dt>{t('header.board')}</dt>
            <dd>
              <Link href={routes.board(board.id)}>{board.title}</Link>
            </dd>
          </div>
          {parent ? (
            <div>
              <dt>{t('header.parent')}</dt>
              <dd>
                <Link href={routes.challenge(parent.id)}>
                  {parent.code} {parent.title}
                </Link>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('header.site')}</dt>
            <dd>{site ? site.name : <span className="muted">{t('header.noSite')}</span>}</dd>
          </div>
          <div>
            <dt>{t('header.leader')}</dt>
            <dd>
              {challenge.leaderId ? (
                <Link href={routes.person(challenge.leaderId)}>{leaderName ?? t('common:unknownPerson')}</Link>
              ) : (
                <span className="muted">{t('header.noLeader')}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('header.deadline')}</dt>
            <dd className={deadlineLate ? 'challenge-late' : undefined}>{f.date(challenge.deadline)}</dd>
          </div>
          <div className="challenge-progress-fact">
            <dt>{t('header.progress')}</dt>
            <dd>
              <ProgressBar value={card.progress} label={t('header.progressLabel', { code: challenge.code })} />
              <span className="challenge-percent">{f.percent(card.progress)}</span>
            </dd>
          </div>
          {parent ? (
            <div>
              <dt>{t('header.required')}</dt>
              <dd>{challenge.required ? t('header.requiredYes') : t('header.requiredNo')}</dd>
            </div>
          ) : null}
        </dl>
      </div>
      <LifecycleBar detail={detail} />
    </header>
  );
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function LifecycleBar({ detail }: { detail: ChallengeDetail }) {
  const { t } = useTranslation('challenge');
  const api = useApi();
  const session = useSession((s) => s.session);
  const hq = isHq(session);
  const { run, busy } = useAction();
  const [asking, setAsking] = useState<LifecycleAction | null>(null);
  const actions = lifecycleActions(detail.challenge.status);
  const id = detail.challenge.id;

  const perform = async (action: LifecycleAction, reason: string | null) => {
    setAsking(null);
    const done = t(`lifecycle.${action.key}.done`);
    await run(() => {
      switch (action.key) {
        case 'publish':
          return unwrap(api.challenges.publish({ id }));
        case 'start':
          return unwrap(api.challenges.start({ id }));
        case 'resume':
          return unwrap(api.challenges.resume({ id }));
        case 'archive':
          return unwrap(api.challenges.archive({ id }));
        case 'withdraw':
          return unwrap(api.challenges.withdraw({ id, reason: reason ?? '' }));
        case 'fail':
          return unwrap(api.challenges.fail({ id, reason: reason ?? '' }));
        case 'suspend':
          return unwrap(api.challenges.suspend({ id, reason: reason ?? '' }));
        case 'terminate':
          return unwrap(api.challenges.terminate({ id, reason: reason ?? '' }));
      }
    }, done);
  };

  if (actions.length === 0) {
    return (
      <div className="challenge-actions no-print">
        <p className="muted challenge-actions-none">{t('lifecycle.none')}</p>
      </div>
    );
  }
  return (
    <div className="challenge-actions no-print" role="group" aria-label={t('lifecycle.label')}>
      {actions.map((action) => {
        const needsHq = action.hqOnly && !hq;
        return (
          <button
            key={action.key}
            type="button"
            className={action.irreversible ? 'danger' : action.key === 'publish' || action.key === 'start' || action.key === 'resume' ? 'primary' : undefined}
            disabled={busy}
            title={needsHq ? t('lifecycle.needsHq') : t(`lifecycle.${action.key}.hint`)}
            onClick={() => (action.reason || action.irreversible || action.key === 'publish' ? setAsking(action) : void perform(action, null))}
          >
            {t(`lifecycle.${action.key}.label`)}
          </button>
        );
      })}
      {!hq && actions.some((a) => a.hqOnly) ? <p className="muted challenge-actions-note">{t('lifecycle.needsHqNote')}</p> : null}
      {asking && asking.reason ? (
        <TextDialog
          title={t(`lifecycle.${asking.key}.title`, { code: detail.challenge.code })}
          label={t(`lifecycle.${asking.key}.reasonLabel`)}
          confirmLabel={t(`lifecycle.${asking.key}.label`)}
          danger={asking.irreversible}
          onCancel={() => setAsking(null)}
          onSubmit={(reason) => void perform(asking, reason)}
        />
      ) : null}
      {asking && !asking.reason ? (
        <ConfirmDialog
          title={t(`lifecycle.${asking.key}.title`, { code: detail.challenge.code })}
          message={t(`lifecycle.${asking.key}.confirm`, { title: detail.challenge.title })}
          confirmLabel={t(`lifecycle.${asking.key}.label`)}
          danger={asking.irreversible}
          onCancel={() => setAsking(null)}
          onConfirm={() => void perform(asking, null)}
        />
      ) : null}
    </div>
  );
}
