import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useAction } from '../../lib/use-action';
import type { Site, Team } from './model';
import { evenShares } from './model';
import type { ChallengeDetail } from './types';

interface MemberRow {
  key: number;
  personId: string;
  share: string;
}

const PLAN_MAX = 10000;

/** 揭榜: the current person claims the challenge, alone or for a team, with a plan and members' shares. */
export function ClaimForm({ detail, teams, sites }: { detail: ChallengeDetail; teams: Team[]; sites: Site[] }) {
  const { t } = useTranslation('challenge');
  const api = useApi();
  const { session, people } = useSession();
  const me = session?.person ?? null;
  const { run, busy } = useAction();
  const [expanded, setExpanded] = useState(false);
  const [teamId, setTeamId] = useState('');
  const [plan, setPlan] = useState('');
  const nextKey = useRef(1);
  const [members, setMembers] = useState<MemberRow[]>([]);
  const [touched, setTouched] = useState(false);
  const ids = { team: useId(), plan: useId(), members: useId() };

  const active = people.filter((p) => p.active);
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? '';
  const row = (personId: string, share: number): MemberRow => ({ key: nextKey.current++, personId, share: String(share) });

  const openForm = () => {
    setExpanded(true);
    setTouched(false);
    setTeamId('');
    setPlan('');
    setMembers(me ? [row(me.id, 100)] : []);
  };

  const chooseTeam = (id: string) => {
    setTeamId(id);
    const team = teams.find((x) => x.id === id);
    if (!team) return;
    const memberIds = [...new Set([team.leaderId, ...team.memberIds])];
    const shares = evenShares(memberIds.length);
    setMembers(memberIds.map((p, i) => row(p, shares[i] ?? 0)));
  };

  const total = members.reduce((sum, m) => sum + (Number(m.share) || 0), 0);
  const planMissing = plan.trim().length === 0;
  const duplicate = new Set(members.map((m) => m.personId)).size !== members.length;
  const badShare = members.some((m) => m.share.trim() === '' || !Number.isFinite(Number(m.share)) || Number(m.share) < 0 || Number(m.share) > 100);
  const totalWrong = members.length > 0 && Math.abs(total - 100) > 0.01;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (planMissing || duplicate || badShare || totalWrong) return;
    const ok = await run(
      () =>
        unwrap(
          api.claims.submit({
            challengeId: detail.challenge.id,
            teamId: teamId || null,
            plan: plan.trim(),
            members: members.map((m) => ({ personId: m.personId, share: Number(m.share) })),
          }),
        ),
      t('claimForm.done'),
    );
    if (ok) setExpanded(false);
  };

  if (!expanded) {
    return (
      <div className="claim-cta no-print">
        <button type="button" className="primary" onClick={openForm}>
          {t('claimForm.open')}
        </button>
        <span className="muted">{me ? t('claimForm.as', { name: me.name }) : t('claimForm.noPerson')}</span>
      </div>
    );
  }

  return (
    <form className="claim-form no-print" onSubmit={(e) => void submit(e)} aria-labelledby={`${ids.plan}-title`} noValidate>
      <h3 id={`${ids.plan}-title`}>{t('claimForm.title', { name: me?.name ?? '' })}</h3>
      {detail.challenge.eligibility ? (
        <p className="claim-form-eligibility">
          <span className="muted">{t('fields.eligibility')}</span> {detail.challenge.eligibility}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={ids.team}>{t('claimForm.team')}</label>
        <select id={ids.team} value={teamId} onChange={(e) => chooseTeam(e.target.value)} autoFocus>
          <option value="">{t('claimForm.noTeam')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
        <span className="field-hint">{t('claimForm.teamHint')}</span>
      </div>
      <div className="field">
        <label htmlFor={ids.plan}>{t('claimForm.plan')}</label>
        <textarea
          id={ids.plan}
          rows={5}
          value={plan}
          maxLength={PLAN_MAX}
          aria-invalid={touched && planMissing}
          aria-describedby={`${ids.plan}-hint`}
          onChange={(e) => setPlan(e.target.value)}
        />
        <span id={`${ids.plan}-hint`} className="field-hint">
          {t('claimForm.planHint')}
        </span>
        {touched && planMissing ? (
          <p className="field-error" role="alert">
            {t('claimForm.planRequired')}
          </p>
        ) : null}
      </div>
      <fieldset className="member-editor" aria-describedby={`${ids.members}-total`}>
        <legend>{t('claimForm.members')}</legend>
        {members.length === 0 ? <p className="muted">{t('claimForm.membersEmpty')}</p> : null}
        {members.map((m, index) => (
          <div key={m.key} className="member-row">
            <label className="ch-hidden" htmlFor={`${ids.members}-p${m.key}`}>
              {t('claimForm.memberPerson', { n: index + 1 })}
            </label>
            <select
              id={`${ids.members}-p${m.key}`}
              value={m.personId}
              onChange={(e) => setMembers((rows) => rows.map((r) => (r.key === m.key ? { ...r, personId: e.target.value } : r)))}
            >
              {active.map((p) => (
                <option key={p.id} value={p.id}>
                  {t('claimForm.personOption', { name: p.name, site: siteName(p.siteId) })}
                </option>
              ))}
            </select>
            <label className="ch-hidden" htmlFor={`${ids.members}-s${m.key}`}>
              {t('claimForm.memberShare', { n: index + 1 })}
            </label>
            <input
              id={`${ids.members}-s${m.key}`}
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step="any"
              value={m.share}
              className="member-share-input"
              onChange={(e) => setMembers((rows) => rows.map((r) => (r.key === m.key ? { ...r, share: e.target.value } : r)))}
            />
            <span aria-hidden="true">%</span>
            <button
              type="button"
              aria-label={t('claimForm.removeMember', { n: index + 1 })}
              title={t('claimForm.removeMember', { n: index + 1 })}
              onClick={() => setMembers((rows) => rows.filter((r) => r.key !== m.key))}
            >
              {t('claimForm.remove')}
            </button>
          </div>
        ))}
        <div className="member-foot">
          <button
            type="button"
            onClick={() => {
              const used = new Set(members.map((r) => r.personId));
              const next = active.find((p) => !used.has(p.id)) ?? active[0];
              if (next) setMembers((rows) => [...rows, row(next.id, 0)]);
            }}
          >
            {t('claimForm.addMember')}
          </button>
          <button
            type="button"
            disabled={members.length === 0}
            onClick={() => {
              const shares = evenShares(members.length);
              setMembers((rows) => rows.map((r, i) => ({ ...r, share: String(shares[i] ?? 0) })));
            }}
          >
            {t('claimForm.splitEvenly')}
          </button>
          <span id={`${ids.members}-total`} className={totalWrong ? 'member-total is-wrong' : 'member-total'}>
            {t('claimForm.total', { total: Math.round(total * 100) / 100 })}
          </span>
        </div>
        {members.length === 0 ? <p className="field-hint">{t('claimForm.membersDefault')}</p> : null}
        {touched && totalWrong ? (
          <p className="field-error" role="alert">
            {t('claimForm.totalWrong', { total: Math.round(total * 100) / 100 })}
          </p>
        ) : null}
        {touched && duplicate ? (
          <p className="field-error" role="alert">
            {t('claimForm.duplicate')}
          </p>
        ) : null}
        {touched && badShare ? (
          <p className="field-error" role="alert">
            {t('claimForm.badShare')}
          </p>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="button" onClick={() => setExpanded(false)}>
          {t('common:cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('claimForm.submit')}
        </button>
      </div>
    </form>
  );
}
