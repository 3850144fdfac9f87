import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { errorText, unwrap, useApi } from '../../lib/api';
import { isHq, useSession } from '../../lib/session';
import { useAction } from '../../lib/use-action';
import type { Person, Site, Team } from './model';
import { byName, LIMITS, mayManageTeam, roleNames, rolesOf } from './model';

interface Errors {
  name?: string;
  siteId?: string;
  leaderId?: string;
}

/** A filter box appears above the member list once it is longer than this. */
const FILTER_FROM = 10;

/**
 * Forms a team (teams.create) or edits one (teams.update): name, site, leader, members, description.
 * HQ may do so for any site, a site lead for their own; the service's reason is shown when it refuses.
 */
export function TeamDialog({ team, sites, people, onClose }: {
  /** null: a new team */
  team: Team | null;
  sites: readonly Site[];
  people: readonly Person[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('people');
  const api = useApi();
  const session = useSession((s) => s.session);
  const { run, busy } = useAction();
  const me = session?.person ?? null;
  const [name, setName] = useState(team?.name ?? '');
  // HQ chooses a site; anyone else starts at their own
  const [siteId, setSiteId] = useState(team?.siteId ?? (me && !isHq(session) ? me.siteId : ''));
  const [leaderId, setLeaderId] = useState(team?.leaderId ?? '');
  const [memberIds, setMemberIds] = useState<string[]>(team ? team.memberIds.filter((id) => id !== team.leaderId) : []);
  const [description, setDescription] = useState(team?.description ?? '');
  const [memberFilter, setMemberFilter] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const ids = {
    name: useId(), site: useId(), leader: useId(), members: useId(), membersHint: useId(), filter: useId(), description: useId(),
    nameError: useId(), siteError: useId(), leaderError: useId(),
  };
  const nameRef = useRef<HTMLInputElement>(null);
  const siteRef = useRef<HTMLSelectElement>(null);
  const leaderRef = useRef<HTMLSelectElement>(null);

  const byId = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);
  // the chosen site's active people, and anyone already in the team (wherever they are now)
  const candidates = useMemo(() => {
    const keep = new Set([...(team?.memberIds ?? []), team?.leaderId ?? '']);
    return byName(people.filter((p) => (p.siteId === siteId && p.active) || keep.has(p.id)));
  }, [people, siteId, team]);
  const shownCandidates = useMemo(() => {
    const q = memberFilter.trim().toLowerCase();
    const list = candidates.filter((p) => p.id !== leaderId);
    return q ? list.filter((p) => p.name.toLowerCase().includes(q) || p.post.toLowerCase().includes(q) || memberIds.includes(p.id)) : list;
  }, [candidates, memberFilter, leaderId, memberIds]);

  const validate = (): Errors => {
    const out: Errors = {};
    if (!name.trim()) out.name = t('teamForm.nameRequired');
    if (!siteId) out.siteId = t('teamForm.siteRequired');
    if (!leaderId) out.leaderId = t('teamForm.leaderRequired');
    return out;
  };

  const submit = async () => {
    const found = validate();
    setErrors(found);
    setRefusal(null);
    if (found.name) return nameRef.current?.focus();
    if (found.siteId) return siteRef.current?.focus();
    if (found.leaderId) return leaderRef.current?.focus();
    const fields = {
      name: name.trim(), siteId, leaderId, description: description.trim(),
      memberIds: memberIds.filter((id) => id !== leaderId && byId.has(id)),
    };
    const ok = await run(async () => {
      try {
        if (team) await unwrap(api.teams.update({ id: team.id, ...fields }));
        else await unwrap(api.teams.create(fields));
      } catch (err) {
        setRefusal(errorText(err, i18n.language));
        throw err;
      }
    }, team ? t('teamForm.saved', { name: fields.name }) : t('teamForm.created', { name: fields.name }));
    if (ok) onClose();
  };

  const toggle = (id: string, on: boolean) => setMemberIds((ms) => (on ? [...ms, id] : ms.filter((m) => m !== id)));
  const selectedCount = new Set([leaderId, ...memberIds].filter(Boolean)).size;

  return (
    <Dialog
      title={team ? t('teamForm.editTitle', { name: team.name }) : t('teamForm.createTitle')}
      onClose={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
            {team ? t('teamForm.save') : t('teamForm.create')}
          </button>
        </>
      }
    >
      <form
        className="people-form"
        noValidate
        onSubmit={(e) => e.preventDefault()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type === 'text') {
            e.preventDefault();
            void submit();
          }
        }}
      >
        {session && !mayManageTeam(session, siteId || null) ? (
          <p className="people-form-note">{t('teamForm.authorityNote', { roles: roleNames(rolesOf(session), t, i18n.language) || '—' })}</p>
        ) : null}
        <div className="field">
          <label htmlFor={ids.name}>{t('teamForm.name')}</label>
          <input
            id={ids.name}
            ref={nameRef}
            type="text"
            value={name}
            maxLength={LIMITS.name}
            autoComplete="off"
            aria-invalid={!!errors.name}
            aria-describedby={errors.name ? ids.nameError : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {errors.name ? <p className="field-error" id={ids.nameError}>{errors.name}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={ids.site}>{t('teamForm.site')}</label>
          <select
            id={ids.site}
            ref={siteRef}
            value={siteId}
            aria-invalid={!!errors.siteId}
            aria-describedby={errors.siteId ? ids.siteError : undefined}
            onChange={(e) => {
              setSiteId(e.target.value);
              if (!team) {
                setLeaderId('');
                setMemberIds([]);
              }
            }}
          >
            <option value="">{t('teamForm.chooseSite')}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {errors.siteId ? <p className="field-error" id={ids.siteError}>{errors.siteId}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={ids.leader}>{t('teamForm.leader')}</label>
          <select
            id={ids.leader}
            ref={leaderRef}
            value={leaderId}
            disabled={!siteId}
            aria-invalid={!!errors.leaderId}
            aria-describedby={errors.leaderId ? ids.leaderError : undefined}
            onChange={(e) => setLeaderId(e.target.value)}
          >
            <option value="">{t('teamForm.chooseLeader')}</option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.post ? t('teamForm.leaderOption', { name: p.name, post: p.post }) : p.name}
              </option>
            ))}
          </select>
          {errors.leaderId ? <p className="field-error" id={ids.leaderError}>{errors.leaderId}</p> : null}
        </div>
        <fieldset className="field checks members-field" aria-describedby={ids.membersHint}>
          <legend>
            {t('teamForm.members')} <span className="muted">{t('teamForm.selected', { count: selectedCount })}</span>
          </legend>
          <p className="muted field-hint" id={ids.membersHint}>{t('teamForm.membersHint')}</p>
          {candidates.length > FILTER_FROM ? (
            <input
              type="search"
              aria-label={t('teamForm.membersFilter')}
              placeholder={t('teamForm.membersFilter')}
              value={memberFilter}
              onChange={(e) => setMemberFilter(e.target.value)}
            />
          ) : null}
          {siteId && candidates.length === 0 ? <p className="muted">{t('teamForm.noCandidates')}</p> : null}
          <div className="member-choices">
            {shownCandidates.map((p) => (
              <label key={p.id} className="check">
                <input type="checkbox" checked={memberIds.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
                {p.name}
                {p.post ? <span className="muted"> {p.post}</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={ids.description}>{t('teamForm.description')}</label>
          <textarea id={ids.description} rows={3} value={description} maxLength={LIMITS.description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        {refusal ? (
          <p className="field-error people-form-refusal" role="alert">
            {t('teamForm.refused', { reason: refusal })}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
