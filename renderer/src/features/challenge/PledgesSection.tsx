import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { StatusBadge } from '../../components/Badges';
import { useFormat } from '../../i18n/format';
import { unwrap } from '../../lib/api';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import { canDraftPledge } from './model';
import type { ChallengeDetail } from './types';

/** 军令状: every version with its status and how far signing has got; the way to draft one. */
export function PledgesSection({ detail }: { detail: ChallengeDetail }) {
  const { t } = useTranslation('challenge');
  const f = useFormat();
  const { pledges } = detail;
  // signatures are not in the challenge read model: ask for each version (a challenge has a handful)
  // (a new version changes the key; status changes come with the data-changed reload)
  const key = `challenge-pledges:${detail.challenge.id}:${pledges.map((p) => p.id).join(',')}`;
  const signing = useResource(key, async (api) => {
    const all = await Promise.all(pledges.map((p) => unwrap(api.pledges.get({ id: p.id }))));
    return Object.fromEntries(all.map((g) => [g.pledge.id, { signed: g.signatures.length, missing: g.missingSignatures.length }]));
  });
  const personName = (id: string) => detail.people[id] ?? t('common:unknownPerson');
  const ordered = [...pledges].sort((a, b) => (a.number === b.number ? b.version - a.version : a.number.localeCompare(b.number)));
  const draftable = canDraftPledge(detail);
  return (
    <section id="sec-pledges" className="panel challenge-section" tabIndex={-1} aria-labelledby="sec-pledges-h">
      <div className="section-head">
        <h2 id="sec-pledges-h">{t('sections.pledges')}</h2>
        {draftable ? (
          <Link href={routes.newPledge(detail.challenge.id)} className="button primary no-print">
            {t('pledges.draft')}
          </Link>
        ) : null}
      </div>
      {pledges.length === 0 ? (
        <p className="muted">{draftable ? t('pledges.emptyDraftable') : t('pledges.empty')}</p>
      ) : (
        <div className="challenge-table-scroll">
          <table className="challenge-table pledge-table">
            <caption className="ch-hidden">{t('pledges.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pledges.number')}</th>
                <th scope="col">{t('pledges.version')}</th>
                <th scope="col">{t('pledges.status')}</th>
                <th scope="col">{t('pledges.signatures')}</th>
                <th scope="col">{t('pledges.pledger')}</th>
                <th scope="col">{t('pledges.deadline')}</th>
              </tr>
            </thead>
            <tbody>
              {ordered.map((p) => {
                const s = signing.data?.[p.id];
                return (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link href={routes.pledge(p.id)}>{p.number}</Link>
                      <span className="pledge-title">{p.title}</span>
                      {p.amendmentReason ? <span className="pledge-amend">{t('pledges.amendment', { reason: p.amendmentReason })}</span> : null}
                    </th>
                    <td>{t('pledges.versionN', { n: p.version })}</td>
                    <td>
                      <StatusBadge kind="pledgeStatus" status={p.status} />
                    </td>
                    <td>
                      {s ? (
                        <span className={s.missing > 0 ? 'sig-count sig-missing' : 'sig-count'}>
                          {s.missing > 0 ? t('pledges.sigMissing', { signed: s.signed, missing: s.missing }) : t('pledges.sigComplete', { signed: s.signed })}
                        </span>
                      ) : signing.status === 'error' ? (
                        <span className="muted">{t('pledges.sigUnknown')}</span>
                      ) : (
                        <span className="muted" aria-busy="true">
                          {t('common:loading')}
                        </span>
                      )}
                    </td>
                    <td>{personName(p.pledgerId)}</td>
                    <td>{f.date(p.deadline)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
