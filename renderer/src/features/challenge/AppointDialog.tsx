import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { unwrap, useApi } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import type { Claim, Team } from './model';
import { claimCandidates, defaultLeader } from './model';
import type { ChallengeDetail } from './types';

/** 挂帅: HQ names the leader from a selected claim, with an optional publicity window (公示) and a note. */
export function AppointDialog({ detail, claim, team, label, onClose }: {
  detail: ChallengeDetail;
  claim: Claim;
  team: Team | undefined;
  label: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('challenge');
  const api = useApi();
  const { run, busy } = useAction();
  const [leaderId, setLeaderId] = useState(() => defaultLeader(claim, team));
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [note, setNote] = useState('');
  const ids = { leader: useId(), start: useId(), end: useId(), note: useId() };
  const candidates = claimCandidates(claim);
  const share = (personId: string) => claim.members.find((m) => m.personId === personId)?.share;
  const windowWrong = !!start && !!end && end < start;
  const halfWindow = !!start !== !!end;

  const submit = async () => {
    if (windowWrong || halfWindow) return;
    const ok = await run(
      () =>
        unwrap(
          api.appointments.appoint({
            claimId: claim.id,
            leaderId,
            ...(start ? { publicityStart: start } : {}),
            ...(end ? { publicityEnd: end } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          }),
        ),
      t('appoint.done', { name: detail.people[leaderId] ?? '' }),
    );
    if (ok) onClose();
  };

  return (
    <Dialog
      title={t('appoint.title', { name: label })}
      onClose={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
            {t('appoint.confirm')}
          </button>
        </>
      }
    >
      <p className="muted">{t('appoint.intro', { code: detail.challenge.code })}</p>
      <div className="field">
        <label htmlFor={ids.leader}>{t('appoint.leader')}</label>
        <select id={ids.leader} value={leaderId} onChange={(e) => setLeaderId(e.target.value)}>
          {candidates.map((id) => {
            const name = detail.people[id] ?? id;
            const s = share(id);
            const role = team?.leaderId === id ? t('appoint.teamLeader') : id === claim.applicantId ? t('appoint.applicant') : '';
            return (
              <option key={id} value={id}>
                {t('appoint.candidate', { name, share: s === undefined ? '—' : `${s}%`, role })}
              </option>
            );
          })}
        </select>
      </div>
      <fieldset className="appoint-window">
        <legend>{t('appoint.publicity')}</legend>
        <div className="appoint-dates">
          <div className="field">
            <label htmlFor={ids.start}>{t('appoint.publicityStart')}</label>
            <input id={ids.start} type="date" value={start} onChange={(e) => setStart(e.target.value)} aria-invalid={windowWrong || (halfWindow && !start)} />
          </div>
          <div className="field">
            <label htmlFor={ids.end}>{t('appoint.publicityEnd')}</label>
            <input id={ids.end} type="date" value={end} min={start || undefined} onChange={(e) => setEnd(e.target.value)} aria-invalid={windowWrong || (halfWindow && !end)} />
          </div>
        </div>
        <p className="field-hint">{t('appoint.publicityHint')}</p>
        {windowWrong ? (
          <p className="field-error" role="alert">
            {t('appoint.windowWrong')}
          </p>
        ) : null}
        {halfWindow ? (
          <p className="field-error" role="alert">
            {t('appoint.windowHalf')}
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.note}>{t('appoint.note')}</label>
        <textarea id={ids.note} rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
    </Dialog>
  );
}
