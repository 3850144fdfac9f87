import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { StatusBadge } from '../../components/Badges';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { unwrap } from '../../lib/api';
import { routes } from '../../lib/routes';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { mayManagePeople } from './model';
import { ActiveBadge, RoleBadges } from './PeoplePage';
import { PersonDialog } from './PersonDialog';
import './people.css';

/** One person: who they are, their teams, the challenges they lead or claimed, and the 军令状 naming them. */
export function PersonPage({ id }: { id: string }) {
  const { t } = useTranslation('people');
  const fmt = useFormat();
  const session = useSession((s) => s.session);
  const [editing, setEditing] = useState(false);
  const data = useResource(`person:${id}`, async (api) => {
    const [detail, involvement, sites, people] = await Promise.all([
      unwrap(api.people.get({ id })), unwrap(api.people.involvement({ id })), unwrap(api.sites.list({})), unwrap(api.people.list({})),
    ]);
    return { person: detail.person, teams: detail.teams, ...involvement, sites, names: new Map(people.map((p) => [p.id, p.name])) };
  });

  if (!data.data) {
    return data.status === 'error' ? (
      <div>
        <ErrorState error={data.error} onRetry={data.reload} />
        <Link href={routes.people}>{t('person.back')}</Link>
      </div>
    ) : (
      <Loading />
    );
  }
  const { person, teams, challenges, pledges, sites, names } = data.data;
  const site = sites.find((s) => s.id === person.siteId);

  return (
    <div className="person-page">
      <p className="no-print people-crumbs">
        <Link href={routes.people}>{t('person.back')}</Link>
      </p>
      <div className="people-heading">
        <h1>{person.name}</h1>
        <ActiveBadge active={person.active} />
        {mayManagePeople(session) ? (
          <div className="people-actions no-print">
            <button type="button" onClick={() => setEditing(true)}>
              {t('person.edit')}
            </button>
          </div>
        ) : null}
      </div>

      <section className="panel">
        <dl className="person-facts">
          <div>
            <dt>{t('person.site')}</dt>
            <dd>{site?.name ?? person.siteId}</dd>
          </div>
          <div>
            <dt>{t('person.post')}</dt>
            <dd>{person.post || '—'}</dd>
          </div>
          <div>
            <dt>{t('person.roles')}</dt>
            <dd>
              <RoleBadges roles={person.roles} />
            </dd>
          </div>
          <div>
            <dt>{t('person.party')}</dt>
            <dd>{person.partyMember ? t('person.partyMember') : t('person.notParty')}</dd>
          </div>
          {person.partyMember && person.partyBranch ? (
            <div>
              <dt>{t('person.partyBranch')}</dt>
              <dd>{person.partyBranch}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section className="panel" aria-labelledby="person-teams-heading">
        <h2 id="person-teams-heading">{t('person.teams')}</h2>
        {teams.length === 0 ? (
          <p className="muted">{t('person.teamsEmpty')}</p>
        ) : (
          <ul className="person-teams">
            {teams.map((team) => (
              <li key={team.id}>
                <strong>{team.name}</strong>{' '}
                <span className="badge">{team.leaderId === person.id ? t('person.teamLeader') : t('person.teamMember')}</span>{' '}
                <span className="muted">
                  {sites.find((s) => s.id === team.siteId)?.name ?? ''} · {t('person.teamMembers', { count: team.memberIds.length })}
                  {team.leaderId !== person.id ? (
                    <>
                      {' · '}
                      {t('teams.leader')}{' '}
                      <Link href={routes.person(team.leaderId)}>{names.get(team.leaderId) ?? t('common:unknownPerson')}</Link>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="person-challenges-heading">
        <div className="people-section-heading">
          <h2 id="person-challenges-heading">{t('person.challenges')}</h2>
          <span className="muted">{t('person.challengesSummary', { count: challenges.length })}</span>
        </div>
        {challenges.length === 0 ? (
          <EmptyState title={t('person.challengesEmpty')} hint={t('person.challengesEmptyHint')} />
        ) : (
          <div className="people-scroll">
            <table className="people-table">
              <thead>
                <tr>
                  <th scope="col">{t('person.columns.code')}</th>
                  <th scope="col">{t('person.columns.title')}</th>
                  <th scope="col">{t('person.columns.roles')}</th>
                  <th scope="col">{t('person.columns.status')}</th>
                  <th scope="col">{t('person.columns.claim')}</th>
                  <th scope="col">{t('person.columns.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {challenges.map((c) => (
                  <tr key={c.id}>
                    <td className="people-code">{c.code || t('person.noCode')}</td>
                    <th scope="row">
                      <Link href={routes.challenge(c.id)}>{c.title}</Link>
                    </th>
                    <td>
                      <span className="role-badges">
                        {c.roles.map((r) => (
                          <span key={r} className={`badge part-badge part-${r}`}>
                            {t(`person.challengeRole.${r}`)}
                          </span>
                        ))}
                      </span>
                    </td>
                    <td>
                      <StatusBadge kind="challengeStatus" status={c.status} />
                    </td>
                    <td>{c.claimStatus ? <StatusBadge kind="claimStatus" status={c.claimStatus} /> : t('person.noClaim')}</td>
                    <td>{fmt.date(c.deadline)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="person-pledges-heading">
        <div className="people-section-heading">
          <h2 id="person-pledges-heading">{t('person.pledges')}</h2>
          <span className="muted">{t('person.pledgesSummary', { count: pledges.length })}</span>
        </div>
        {pledges.length === 0 ? (
          <EmptyState title={t('person.pledgesEmpty')} hint={t('person.pledgesEmptyHint')} />
        ) : (
          <div className="people-scroll">
            <table className="people-table">
              <thead>
                <tr>
                  <th scope="col">{t('person.columns.number')}</th>
                  <th scope="col">{t('person.columns.pledge')}</th>
                  <th scope="col">{t('person.columns.roles')}</th>
                  <th scope="col">{t('person.columns.status')}</th>
                  <th scope="col">{t('person.columns.challenge')}</th>
                  <th scope="col">{t('person.columns.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {pledges.map((p) => (
                  <tr key={p.id}>
                    <td className="people-code">
                      {p.number || t('person.noCode')} <span className="muted">{t('person.version', { version: p.version })}</span>
                    </td>
                    <th scope="row">
                      <Link href={routes.pledge(p.id)}>{p.title}</Link>
                    </th>
                    <td>
                      <span className="role-badges">
                        {p.roles.map((r) => {
                          const signed = p.signedRoles.includes(r);
                          const role = t(`domain:partyRole.${r}`);
                          return (
                            <span key={r} className={`badge part-badge ${signed ? 'part-signed' : 'part-unsigned'}`}>
                              <span aria-hidden="true">{signed ? '✓ ' : ''}</span>
                              {signed ? t('person.signed', { role }) : t('person.unsigned', { role })}
                            </span>
                          );
                        })}
                      </span>
                    </td>
                    <td>
                      <StatusBadge kind="pledgeStatus" status={p.status} />
                    </td>
                    <td>
                      <Link href={routes.challenge(p.challengeId)}>
                        {p.challengeCode ? `${p.challengeCode} ` : ''}
                        {p.challengeTitle}
                      </Link>
                    </td>
                    <td>{fmt.date(p.deadline)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {editing ? <PersonDialog person={person} sites={sites} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
