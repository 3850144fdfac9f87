import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { StatusBadge } from '../../components/Badges';
import { useFormat } from '../../i18n/format';
import { routes } from '../../lib/routes';
import type { ChallengeDetail } from './model';

/** Every 军令状 version of the challenge (in 赛马, one series per racing leader), this one marked. */
export function VersionsPanel({ detail, currentId }: { detail: ChallengeDetail; currentId: string }) {
  const { t } = useTranslation('pledge');
  const f = useFormat();
  const pledgers = new Set(detail.pledges.map((p) => p.pledgerId));
  const ordered = [...detail.pledges].sort((a, b) =>
    a.pledgerId === b.pledgerId ? b.version - a.version : (detail.people[a.pledgerId] ?? '').localeCompare(detail.people[b.pledgerId] ?? ''),
  );
  return (
    <section className="panel pledge-versions no-print" aria-labelledby="pledge-versions-h">
      <h2 id="pledge-versions-h">{t('versions.title')}</h2>
      <ol className="version-list">
        {ordered.map((p) => {
          const current = p.id === currentId;
          return (
            <li key={p.id} className={current ? 'version current' : 'version'}>
              <div className="version-head">
                {current ? (
                  <span className="version-name" aria-current="page">
                    {t('versions.name', { n: p.version, number: p.number })}
                    <span className="version-here">{t('versions.current')}</span>
                  </span>
                ) : (
                  <Link href={routes.pledge(p.id)} className="version-name">
                    {t('versions.name', { n: p.version, number: p.number })}
                  </Link>
                )}
                <StatusBadge kind="pledgeStatus" status={p.status} />
              </div>
              <p className="version-meta muted">
                {pledgers.size > 1 ? `${t('versions.pledger', { name: detail.people[p.pledgerId] ?? t('common:unknownPerson') })} · ` : ''}
                {t('versions.created', { date: f.date(p.createdAt) })}
              </p>
              {p.amendmentReason ? <p className="version-reason">{t('versions.reason', { reason: p.amendmentReason })}</p> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
