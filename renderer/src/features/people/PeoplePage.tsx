import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Role } from '../../../../main/domain/vocabulary';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { unwrap } from '../../lib/api';
import { routes } from '../../lib/routes';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import type { Person, Site, Team } from './model';
import { byName, mayManagePeople, mayManageTeam, ROLE_CODES } from './model';
import { PersonDialog } from './PersonDialog';
import { TeamDialog } from './TeamDialog';
import './people.css';

interface Filters {
  siteId: string;
  role: Role | '';
  status: '' | 'active' | 'inactive';
  text: string;
}

const NO_FILTERS: Filters = { siteId: '', role: '', status: '', text: '' };

type Editing = { kind: 'person'; person: Person | null } | { kind: 'team'; team: Team | null } | null;

function textMatch(q: string, ...fields: (string | null | undefined)[]): boolean {
  return fields.some((f) => !!f && f.toLowerCase().includes(q));
}

/** The directory: people with site, post, roles, party membership and status; and the teams (突击队). */
export function PeoplePage() {
  const { t } = useTranslation('people');
  const session = useSession((s) => s.session);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [editing, setEditing] = useState<Editing>(null);
  const data = useResource('people-directory', async (api) => {
    const [people, sites, teams] = await Promise.all([
      unwrap(api.people.list({})), unwrap(api.sites.list({})), unwrap(api.teams.list({})),
    ]);
    return { people, sites, teams };
  });

  const view = useMemo(() => {
    if (!data.data) return null;
    const { people, sites, teams } = data.data;
    const q = filters.text.trim().toLowerCase();
    const siteById = new Map(sites.map((s) => [s.id, s]));
    const personById = new Map(people.map((p) => [p.id, p]));
    const shownPeople = byName(people).filter((p) =>
      (!filters.siteId || p.siteId === filters.siteId)
      && (!filters.role || p.roles.includes(filters.role))
      && (!filters.status || (filters.status === 'active') === p.active)
      && (!q || textMatch(q, p.name, p.post, p.partyBranch, siteById.get(p.siteId)?.name)),
    );
    const shownTeams = byName(teams).filter((team) =>
      (!filters.siteId || team.siteId === filters.siteId)
      && (!q || textMatch(q, team.name, team.description, ...team.memberIds.map((id) => personById.get(id)?.name))),
    );
    return { shownPeople, shownTeams, siteById, personById };
  }, [data.data, filters]);

  if (!data.data || !view) return data.status === 'error' ? <ErrorState error={data.error} onRetry={data.reload} /> : <Loading />;
  const { people, sites, teams } = data.data;
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const canPeople = mayManagePeople(session);

  return (
    <div className="people-page">
      <div className="people-heading">
        <h1>{t('title')}</h1>
        <div className="people-actions no-print">
          <button type="button" className="primary" onClick={() => setEditing({ kind: 'person', person: null })}>
            {t('directory.add')}
          </button>
          <button type="button" onClick={() => setEditing({ kind: 'team', team: null })}>
            {t('teams.add')}
          </button>
        </div>
      </div>

      <FilterBar filters={filters} sites={sites} onChange={(change) => setFilters({ ...filters, ...change })} onClear={() => setFilters(NO_FILTERS)} />

      <section className="panel" aria-labelledby="people-directory-heading">
        <div className="people-section-heading">
          <h2 id="people-directory-heading">{t('directory.heading')}</h2>
          <span className="muted" role="status">
            {filtered ? t('directory.matched', { total: people.length, count: view.shownPeople.length }) : t('directory.summary', { count: people.length })}
          </span>
        </div>
        {people.length === 0 ? (
          <EmptyState title={t('directory.empty')} hint={t('directory.emptyHint')} />
        ) : view.shownPeople.length === 0 ? (
          <EmptyState title={t('directory.noMatch')} hint={t('directory.noMatchHint')}>
            <button type="button" onClick={() => setFilters(NO_FILTERS)}>
              {t('filters.clear')}
            </button>
          </EmptyState>
        ) : (
          <div className="people-scroll">
            <table className="people-table">
              <thead>
                <tr>
                  <th scope="col">{t('directory.columns.name')}</th>
                  <th scope="col">{t('directory.columns.site')}</th>
                  <th scope="col">{t('directory.columns.post')}</th>
                  <th scope="col">{t('directory.columns.roles')}</th>
                  <th scope="col">{t('directory.columns.party')}</th>
                  <th scope="col">{t('directory.columns.status')}</th>
                  {canPeople ? <th scope="col" className="no-print">{t('directory.columns.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {view.shownPeople.map((p) => (
                  <tr key={p.id} className={p.active ? undefined : 'inactive'}>
                    <th scope="row">
                      <Link href={routes.person(p.id)}>{p.name}</Link>
                    </th>
                    <td>{view.siteById.get(p.siteId)?.name ?? p.siteId}</td>
                    <td>{p.post}</td>
                    <td>
                      <RoleBadges roles={p.roles} />
                    </td>
                    <td>{p.partyMember ? (p.partyBranch ? t('directory.partyWithBranch', { branch: p.partyBranch }) : t('directory.party')) : t('directory.notParty')}</td>
                    <td>
                      <ActiveBadge active={p.active} />
                    </td>
                    {canPeople ? (
                      <td className="no-print">
                        <button type="button" className="people-small" aria-label={t('directory.editNamed', { name: p.name })} onClick={() => setEditing({ kind: 'person', person: p })}>
                          {t('directory.edit')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="people-teams-heading">
        <div className="people-section-heading">
          <h2 id="people-teams-heading">{t('teams.heading')}</h2>
          <span className="muted">{t('teams.summary', { count: view.shownTeams.length })}</span>
        </div>
        {teams.length === 0 ? (
          <EmptyState title={t('teams.empty')} hint={t('teams.emptyHint')} />
        ) : view.shownTeams.length === 0 ? (
          <EmptyState title={t('teams.noMatch')} hint={t('teams.noMatchHint')} />
        ) : (
          <ul className="team-grid">
            {view.shownTeams.map((team) => (
              <TeamCard
                key={team.id}
                team={team}
                site={view.siteById.get(team.siteId) ?? null}
                personById={view.personById}
                onEdit={mayManageTeam(session, team.siteId) ? () => setEditing({ kind: 'team', team }) : null}
              />
            ))}
          </ul>
        )}
      </section>

      {editing?.kind === 'person' ? <PersonDialog person={editing.person} sites={sites} onClose={() => setEditing(null)} /> : null}
      {editing?.kind === 'team' ? <TeamDialog team={editing.team} sites={sites} people={people} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

function FilterBar({ filters, sites, onChange, onClear }: {
  filters: Filters;
  sites: readonly Site[];
  onChange: (change: Partial<Filters>) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation('people');
  const ids = { site: useId(), role: useId(), status: useId(), text: useId() };
  return (
    <form className="people-filters no-print" role="search" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      <div className="filter-field">
        <label htmlFor={ids.site}>{t('filters.site')}</label>
        <select id={ids.site} value={filters.siteId} onChange={(e) => onChange({ siteId: e.target.value })}>
          <option value="">{t('filters.allSites')}</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={ids.role}>{t('filters.role')}</label>
        <select id={ids.role} value={filters.role} onChange={(e) => onChange({ role: e.target.value as Filters['role'] })}>
          <option value="">{t('filters.allRoles')}</option>
          {ROLE_CODES.map((r) => (
            <option key={r} value={r}>
              {t(`domain:role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={ids.status}>{t('filters.status')}</label>
        <select id={ids.status} value={filters.status} onChange={(e) => onChange({ status: e.target.value as Filters['status'] })}>
          <option value="">{t('filters.allStatuses')}</option>
          <option value="active">{t('directory.active')}</option>
          <option value="inactive">{t('directory.inactive')}</option>
        </select>
      </div>
      <div className="filter-field filter-text">
        <label htmlFor={ids.text}>{t('filters.text')}</label>
        <input
          id={ids.text}
          type="search"
          value={filters.text}
          maxLength={100}
          placeholder={t('filters.textPlaceholder')}
          onChange={(e) => onChange({ text: e.target.value })}
        />
      </div>
      <button type="button" onClick={onClear}>
        {t('filters.clear')}
      </button>
    </form>
  );
}

export function RoleBadges({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation('people');
  return (
    <span className="role-badges">
      {roles.map((r) => (
        <span key={r} className={`badge role-badge role-${r}`}>
          {t(`domain:role.${r}`)}
        </span>
      ))}
    </span>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation('people');
  return <span className={`badge ${active ? 'badge-person-active' : 'badge-person-inactive'}`}>{active ? t('directory.active') : t('directory.inactive')}</span>;
}

function TeamCard({ team, site, personById, onEdit }: {
  team: Team;
  site: Site | null;
  personById: Map<string, Person>;
  onEdit: (() => void) | null;
}) {
  const { t } = useTranslation('people');
  const leader = personById.get(team.leaderId);
  const members = team.memberIds.filter((id) => id !== team.leaderId);
  return (
    <li className="team-card">
      <div className="team-card-head">
        <h3>{team.name}</h3>
        {onEdit ? (
          <button type="button" className="people-small no-print" aria-label={t('teams.editNamed', { name: team.name })} onClick={onEdit}>
            {t('teams.edit')}
          </button>
        ) : null}
      </div>
      <dl className="team-facts">
        <div>
          <dt>{t('teams.site')}</dt>
          <dd>{site?.name ?? team.siteId}</dd>
        </div>
        <div>
          <dt>{t('teams.leader')}</dt>
          <dd>{leader ? <Link href={routes.person(leader.id)}>{leader.name}</Link> : t('common:unknownPerson')}</dd>
        </div>
        <div>
          <dt>{t('teams.members', { count: team.memberIds.length })}</dt>
          <dd>
            <ul className="team-members">
              {members.map((id) => {
                const p = personById.get(id);
                return <li key={id}>{p ? <Link href={routes.person(id)}>{p.name}</Link> : t('common:unknownPerson')}</li>;
              })}
            </ul>
          </dd>
        </div>
      </dl>
      <p className={team.description ? 'team-description' : 'team-description muted'}>{team.description || t('teams.noDescription')}</p>
    </li>
  );
}
