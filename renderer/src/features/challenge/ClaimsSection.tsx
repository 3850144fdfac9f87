import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { StatusBadge } from '../../components/Badges';
import { TextDialog } from '../../components/Dialog';
import { EmptyState } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { unwrap, useApi } from '../../lib/api';
import { routes } from '../../lib/routes';
import { isHq, useSession } from '../../lib/session';
import { useAction } from '../../lib/use-action';
import { AppointDialog } from './AppointDialog';
import { ClaimForm } from './ClaimForm';
import type { Claim, Site, Team } from './model';
import { CLOSED_STATUSES } from './model';
import type { ChallengeDetail } from './types';

type ReasonAsk = { claim: Claim; kind: 'reject' | 'eliminate' };

/** 揭榜: the claims with their plans and members, what HQ can decide on each, and the form to claim. */
export function ClaimsSection({ detail, teams, sites }: { detail: ChallengeDetail; teams: Team[]; sites: Site[] }) {
  const { t } = useTranslation('challenge');
  const f = useFormat();
  const api = useApi();
  const session = useSession((s) => s.session);
  const me = session?.person?.id ?? null;
  const hq = isHq(session);
  const { run, busy } = useAction();
  const [asking, setAsking] = useState<ReasonAsk | null>(null);
  const [appointing, setAppointing] = useState<Claim | null>(null);
  const { challenge, claims, appointments } = detail;
  const open = challenge.status === 'published';
  const horseRace = challenge.teamMode === 'horse_race';
  const racing = claims.filter((c) => c.status === 'selected').length;
  const closed = CLOSED_STATUSES.includes(challenge.status);
  const personName = (id: string) => detail.people[id] ?? t('common:unknownPerson');
  const teamOf = (claim: Claim) => (claim.teamId ? teams.find((x) => x.id === claim.teamId) : undefined);
  const label = (claim: Claim) => teamOf(claim)?.name ?? t('claims.individual', { name: personName(claim.applicantId) });
  const myOpenClaim = claims.find((c) => c.applicantId === me && ['submitted', 'shortlisted', 'selected'].includes(c.status));

  const decide = (claim: Claim, kind: 'shortlist' | 'select' | 'withdraw') =>
    void run(() => {
      if (kind === 'shortlist') return unwrap(api.claims.shortlist({ id: claim.id }));
      if (kind === 'select') return unwrap(api.claims.select({ id: claim.id }));
      return unwrap(api.claims.withdraw({ id: claim.id }));
    }, t(`claims.${kind}Done`, { name: label(claim) }));

  const withReason = async (ask: ReasonAsk, reason: string) => {
    setAsking(null);
    await run(
      () => (ask.kind === 'reject' ? unwrap(api.claims.reject({ id: ask.claim.id, reason })) : unwrap(api.claims.eliminate({ id: ask.claim.id, reason }))),
      t(`claims.${ask.kind}Done`, { name: label(ask.claim) }),
    );
  };

  return (
    <>
      <section id="sec-claims" className="panel challenge-section" tabIndex={-1} aria-labelledby="sec-claims-h">
        <div className="section-head">
          <h2 id="sec-claims-h">{t('sections.claims')}</h2>
          <span className="muted">{t('claims.count', { count: claims.length })}</span>
        </div>
        {claims.length === 0 ? (
          <EmptyState title={t('claims.emptyTitle')} hint={open ? t('claims.emptyOpen') : t('claims.emptyClosed')} />
        ) : (
          <ul className="claim-list">
            {claims.map((claim) => {
              const team = teamOf(claim);
              const appointed = appointments.some((a) => a.claimId === claim.id);
              const undecided = claim.status === 'submitted' || claim.status === 'shortlisted';
              const canWithdraw = undecided && (claim.applicantId === me || hq);
              const canAppoint = hq && claim.status === 'selected' && !appointed && !closed && (appointments.length === 0 || horseRace);
              const canEliminate = hq && horseRace && claim.status === 'selected' && racing > 1 && !closed;
              return (
                <li key={claim.id} className={`claim claim-${claim.status}`} aria-label={t('claims.itemLabel', { name: label(claim) })}>
                  <div className="claim-head">
                    <h3 className="claim-title">{label(claim)}</h3>
                    <StatusBadge kind="claimStatus" status={claim.status} />
                    {appointed ? <span className="challenge-tag">{t('claims.appointed')}</span> : null}
                  </div>
                  <p className="claim-meta">
                    {t('claims.applicant')}{' '}
                    <Link href={routes.person(claim.applicantId)}>{personName(claim.applicantId)}</Link>
                    <span className="meta-sep" aria-hidden="true">
                      ·
                    </span>
                    {t('claims.submittedAt', { time: f.dateTime(claim.submittedAt) })}
                  </p>
                  {claim.statusReason ? (
                    <p className="claim-reason">
                      <span className="muted">{t('claims.reason')}</span> {claim.statusReason}
                    </p>
                  ) : null}
                  <div className="claim-plan">
                    <span className="claim-label">{t('claims.plan')}</span>
                    <p className="challenge-text">{claim.plan}</p>
                  </div>
                  <div className="claim-members">
                    <span className="claim-label">{t('claims.members')}</span>
                    <ul>
                      {claim.members.map((m) => (
                        <li key={m.personId}>
                          <Link href={routes.person(m.personId)}>{personName(m.personId)}</Link>
                          <span className="member-share">{f.percent(m.share)}</span>
                          {team?.leaderId === m.personId ? <span className="member-role">{t('claims.teamLeader')}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </div>
                  <div className="claim-actions no-print">
                    {hq && open && claim.status === 'submitted' ? (
                      <button type="button" disabled={busy} onClick={() => decide(claim, 'shortlist')}>
                        {t('claims.shortlist')}
                      </button>
                    ) : null}
                    {hq && open && undecided && (horseRace || racing === 0) ? (
                      <button type="button" className="primary" disabled={busy} onClick={() => decide(claim, 'select')}>
                        {t('claims.select')}
                      </button>
                    ) : null}
                    {hq && undecided ? (
                      <button type="button" className="danger" disabled={busy} onClick={() => setAsking({ claim, kind: 'reject' })}>
                        {t('claims.reject')}
                      </button>
                    ) : null}
                    {canWithdraw ? (
                      <button type="button" disabled={busy} onClick={() => decide(claim, 'withdraw')}>
                        {t('claims.withdraw')}
                      </button>
                    ) : null}
                    {canAppoint ? (
                      <button type="button" className="primary" disabled={busy} aria-haspopup="dialog" onClick={() => setAppointing(claim)}>
                        {t('appoint.open')}
                      </button>
                    ) : null}
                    {canEliminate ? (
                      <button type="button" className="danger" disabled={busy} onClick={() => setAsking({ claim, kind: 'eliminate' })}>
                        {t('claims.eliminate')}
                      </button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {open ? (
          myOpenClaim ? (
            <p className="claim-mine">{t('claims.alreadyClaimed')}</p>
          ) : (
            <ClaimForm detail={detail} teams={teams} sites={sites} />
          )
        ) : null}
        {asking ? (
          <TextDialog
            title={t(`claims.${asking.kind}Title`, { name: label(asking.claim) })}
            label={t(`claims.${asking.kind}Reason`)}
            confirmLabel={t(`claims.${asking.kind}`)}
            danger
            onCancel={() => setAsking(null)}
            onSubmit={(reason) => void withReason(asking, reason)}
          />
        ) : null}
        {appointing ? (
          <AppointDialog detail={detail} claim={appointing} team={teamOf(appointing)} label={label(appointing)} onClose={() => setAppointing(null)} />
        ) : null}
      </section>
      <AppointmentsSection detail={detail} label={label} />
    </>
  );
}

/** 挂帅: who leads, decided by whom and when, and the publicity window. */
function AppointmentsSection({ detail, label }: { detail: ChallengeDetail; label: (claim: Claim) => string }) {
  const { t } = useTranslation('challenge');
  const f = useFormat();
  const personName = (id: string) => detail.people[id] ?? t('common:unknownPerson');
  return (
    <section id="sec-appointments" className="panel challenge-section" tabIndex={-1} aria-labelledby="sec-appointments-h">
      <h2 id="sec-appointments-h">{t('sections.appointments')}</h2>
      {detail.appointments.length === 0 ? (
        <p className="muted">{detail.challenge.status === 'published' ? t('appointments.emptyOpen') : t('appointments.empty')}</p>
      ) : (
        <ul className="appointment-list">
          {detail.appointments.map((a) => {
            const claim = detail.claims.find((c) => c.id === a.claimId);
            return (
              <li key={a.id} className="appointment">
                <p className="appointment-leader">
                  <span className="appointment-badge">{t('appointments.leader')}</span>
                  <Link href={routes.person(a.leaderId)}>{personName(a.leaderId)}</Link>
                  {claim ? <span className="muted">{t('appointments.fromClaim', { name: label(claim) })}</span> : null}
                </p>
                <p className="appointment-meta">
                  {t('appointments.decided', { name: personName(a.decidedBy), time: f.dateTime(a.decidedAt) })}
                  {a.publicityStart || a.publicityEnd ? (
                    <>
                      <span className="meta-sep" aria-hidden="true">
                        ·
                      </span>
                      {t('appointments.publicity', { start: f.date(a.publicityStart), end: f.date(a.publicityEnd) })}
                    </>
                  ) : null}
                </p>
                {a.note ? <p className="challenge-text appointment-note">{a.note}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
