import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { ConfirmDialog } from '../../components/Dialog';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { errorText, unwrap, useApi } from '../../lib/api';
import { routes } from '../../lib/routes';
import { isHq, useSession } from '../../lib/session';
import { useToasts } from '../../lib/toasts';
import { useResource } from '../../lib/use-resource';
import {
  ClauseList, CommitmentsEditor, FieldBox, MilestonesEditor, PersonSelect, WitnessPicker, describe, fieldId, useErrorText,
} from './EditorParts';
import type { Errors, PledgeFormValues } from './form';
import {
  LIMITS, customaryText, draftInput, firstErrorPath, milestoneWrites, milestonesPinned, pledgerChoices, savedContents, updateInput,
  validate, valuesFromChallenge, valuesFromPledge,
} from './form';
import type { ChallengeDetail, Person, PledgeView, Site } from './model';
import { useLeaveGuard } from './use-leave-guard';
import './pledge.css';

interface EditorData {
  view: PledgeView | null;
  detail: ChallengeDetail;
  people: Person[];
  sites: Site[];
}

/** 军令状 editor: a new draft for an appointed challenge, or a saved draft. */
export function PledgeEditorPage({ challengeId, pledgeId }: { challengeId?: string; pledgeId?: string }) {
  const { t } = useTranslation('pledge');
  const data = useResource<EditorData>(`pledge-editor:${challengeId ?? ''}:${pledgeId ?? ''}`, async (api) => {
    const view = pledgeId ? await unwrap(api.pledges.get({ id: pledgeId })) : null;
    const id = view ? view.pledge.challengeId : (challengeId ?? '');
    const [detail, people, sites] = await Promise.all([unwrap(api.challenges.get({ id })), unwrap(api.people.list({})), unwrap(api.sites.list({}))]);
    return { view, detail, people, sites };
  });
  // the form starts from the first answer; later reloads (its own saves, a sync) do not reset what is typed
  const [first, setFirst] = useState<{ key: string; data: EditorData } | null>(null);
  const key = `${challengeId ?? ''}:${pledgeId ?? ''}`;
  if (data.status === 'ready' && first?.key !== key) setFirst({ key, data: data.data });

  if (!first || first.key !== key) return data.status === 'error' ? <ErrorState error={data.error} onRetry={data.reload} /> : <Loading />;
  const { view, detail } = first.data;
  if (view && view.pledge.status !== 'draft') {
    return (
      <EmptyState title={t('editor.notDraft', { status: t(`domain:pledgeStatus.${view.pledge.status}`) })} hint={t('editor.notDraftHint')}>
        <Link href={routes.pledge(view.pledge.id)}>{t('editor.toDocument')}</Link>
      </EmptyState>
    );
  }
  if (!view) {
    const existing = detail.pledges.find((p) => ['draft', 'ready_to_sign', 'partially_signed'].includes(p.status));
    const racing = detail.challenge.teamMode === 'horse_race' && ['pledged', 'in_progress'].includes(detail.challenge.status);
    const open = detail.challenge.status === 'appointed' || racing;
    if (!open || pledgerChoices(detail).length === 0) {
      return (
        <EmptyState
          title={t('editor.cannotDraft')}
          hint={open ? t('editor.allPledged') : t('editor.notAppointed', { status: t(`domain:challengeStatus.${detail.challenge.status}`) })}
        >
          <p className="state-links">
            {existing ? <Link href={routes.pledge(existing.id)}>{t('editor.openExisting', { number: existing.number })}</Link> : null}
            <Link href={routes.challenge(detail.challenge.id)}>{t('editor.backToChallenge')}</Link>
          </p>
        </EmptyState>
      );
    }
  }
  return <PledgeForm data={first.data} />;
}

type Pending = { to: string } | { regenerate: true } | null;

function PledgeForm({ data }: { data: EditorData }) {
  const { t, i18n } = useTranslation('pledge');
  const api = useApi();
  const [, navigate] = useLocation();
  const show = useToasts((s) => s.show);
  const errorOf = useErrorText();
  const f = useFormat();
  const session = useSession((s) => s.session);
  const { view, detail } = data;
  const me = session?.person ?? null;
  const [initial] = useState<PledgeFormValues>(() => (view ? valuesFromPledge(view) : valuesFromChallenge(detail, me ? { id: me.id, hq: isHq(session) } : null, t('editor.defaultTitle', { title: detail.challenge.title }))));
  const [values, setValues] = useState<PledgeFormValues>(initial);
  const [tried, setTried] = useState<'save' | 'submit' | null>(null);
  const [busy, setBusy] = useState(false);
  const [serviceError, setServiceError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  // saved milestones: their ids by place, and their contents as saved (grows as new ones are added)
  const [slots, setSlots] = useState<string[]>(() => (view ? [...view.milestones].sort((a, b) => a.seq - b.seq).map((m) => m.id) : []));
  const [saved, setSaved] = useState(() => savedContents(view?.milestones ?? []));
  const pinned = milestonesPinned(view);

  const people = useMemo(() => new Map(data.people.map((p) => [p.id, p])), [data.people]);
  const sites = useMemo(() => new Map(data.sites.map((s) => [s.id, s])), [data.sites]);
  const active = useMemo(() => data.people.filter((p) => p.active), [data.people]);
  const name = useCallback((id: string) => people.get(id)?.name ?? detail.people[id] ?? t('common:unknownPerson'), [people, detail.people, t]);
  const generated = useMemo(
    () => customaryText(t, values, { detail, people, sites, language: i18n.language }),
    [t, i18n.language, values, detail, people, sites],
  );
  const text = values.text ?? generated;
  const dirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(initial), [values, initial]);
  const errors: Errors = useMemo(() => (tried ? validate(values, text, tried === 'submit') : {}), [tried, values, text]);
  const errorCount = Object.keys(errors).length;
  const set = <K extends keyof PledgeFormValues>(k: K, v: PledgeFormValues[K]) => setValues((prev) => ({ ...prev, [k]: v }));
  const e = (path: string) => errorOf(errors[path]);
  const err = { number: e('number'), title: e('title'), deadline: e('deadline'), pledgerId: e('pledgerId'), issuerId: e('issuerId'), supervisorId: e('supervisorId'), witnessIds: e('witnessIds'), text: e('text') };
  const ctl = {
    number: describe('number', err.number),
    title: describe('title', err.title),
    deadline: describe('deadline', err.deadline, true),
    pledgerId: describe('pledgerId', err.pledgerId, true),
    text: describe('text', err.text, true),
  };

  useLeaveGuardFor(dirty && !busy, setPending);

  const drafter = isHq(session) || (!!me && me.id === values.pledgerId && me.roles.includes('site_lead'));
  const pledgers = view ? [values.pledgerId] : pledgerChoices(detail);
  const backTo = view ? routes.pledge(view.pledge.id) : routes.challenge(detail.challenge.id);

  const save = async (submit: boolean) => {
    const mode = submit ? 'submit' : 'save';
    setTried(mode);
    const found = validate(values, text, submit);
    const firstPath = firstErrorPath(found, values);
    if (firstPath) {
      requestAnimationFrame(() => document.getElementById(fieldId(firstPath))?.focus());
      return;
    }
    setBusy(true);
    setServiceError(null);
    let pledgeId = view?.pledge.id ?? null;
    try {
      if (!view) {
        const drafted = await unwrap(api.pledges.draft(draftInput(detail.challenge.id, values, text)));
        pledgeId = drafted.pledge.id;
      } else {
        await unwrap(api.pledges.update(updateInput(view.pledge.id, values, text)));
        const { updates, adds } = milestoneWrites(values.milestones, slots, saved);
        for (const u of updates) {
          await unwrap(api.milestones.update(u));
          setSaved((prev) => new Map(prev).set(u.id, { title: u.title, dueDate: u.dueDate, deliverable: u.deliverable, evidenceRequired: u.evidenceRequired }));
        }
        for (const a of adds) {
          const added = await unwrap(api.milestones.add({ pledgeId: view.pledge.id, ...a.content }));
          // the row now holds a saved place: a second attempt after a failure must not add it again
          setSlots((prev) => [...prev, added.id]);
          setSaved((prev) => new Map(prev).set(added.id, a.content));
          setValues((prev) => ({ ...prev, milestones: prev.milestones.map((m) => (m.key === a.key ? { ...m, id: added.id } : m)) }));
        }
      }
    } catch (err) {
      setServiceError(errorText(err, i18n.language));
      setBusy(false);
      requestAnimationFrame(() => document.getElementById('pledge-service-error')?.focus());
      return;
    }
    if (!pledgeId) return;
    show('success', t('editor.saved'));
    if (submit) {
      try {
        await unwrap(api.pledges.submit({ id: pledgeId }));
        show('success', t('actions.submitted'));
      } catch (err) {
        // the draft is saved: the document shows it, and says why it could not go for signing
        show('error', t('editor.submitRefused', { reason: errorText(err, i18n.language) }));
      }
    }
    setBusy(false);
    navigate(routes.pledge(pledgeId));
  };

  return (
    <div className="pledge-editor">
      <nav className="pledge-crumbs" aria-label={t('crumbs')}>
        <Link href={routes.board(detail.board.id)}>{detail.board.title}</Link>
        <span aria-hidden="true">/</span>
        <Link href={routes.challenge(detail.challenge.id)}>{t('challengeLink', { code: detail.challenge.code, title: detail.challenge.title })}</Link>
      </nav>
      <h1>{view ? t('editor.editTitle', { number: view.pledge.number, n: view.pledge.version }) : t('editor.newTitle')}</h1>
      {!drafter ? <p className="pledge-note">{t('editor.notDrafter')}</p> : null}
      {errorCount > 0 ? (
        <div className="error-summary" role="alert">
          {t('editor.errorSummary', { count: errorCount })}
        </div>
      ) : null}

      <form
        className="pledge-form"
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          void save(false);
        }}
      >
        <fieldset className="editor-section">
          <legend>{t('editor.basics')}</legend>
          <div className="editor-grid">
            <FieldBox path="number" label={t('editor.number')} error={err.number}>
              <input {...ctl.number} value={values.number} maxLength={LIMITS.number} onChange={(ev) => set('number', ev.target.value)} />
            </FieldBox>
            <FieldBox path="deadline" label={t('editor.deadline')} hint={t('editor.deadlineHint', { date: f.date(detail.challenge.deadline) })} error={err.deadline}>
              <input {...ctl.deadline} type="date" value={values.deadline} onChange={(ev) => set('deadline', ev.target.value)} />
            </FieldBox>
            <FieldBox path="title" label={t('editor.title')} error={err.title} className="wide">
              <input {...ctl.title} value={values.title} maxLength={LIMITS.title} onChange={(ev) => set('title', ev.target.value)} />
            </FieldBox>
          </div>
        </fieldset>

        <fieldset className="editor-section">
          <legend>{t('editor.parties')}</legend>
          <div className="editor-grid">
            <FieldBox path="pledgerId" label={t('domain:partyRole.pledger')} hint={view ? t('editor.pledgerFixed') : t('editor.pledgerHint')} error={err.pledgerId}>
              <select {...ctl.pledgerId} value={values.pledgerId} disabled={!!view} onChange={(ev) => set('pledgerId', ev.target.value)}>
                {values.pledgerId ? null : <option value="">{t('editor.choose')}</option>}
                {pledgers.map((id) => (
                  <option key={id} value={id}>
                    {sites.get(people.get(id)?.siteId ?? '')?.name ? t('people.withSite', { name: name(id), site: sites.get(people.get(id)?.siteId ?? '')?.name }) : name(id)}
                  </option>
                ))}
              </select>
            </FieldBox>
            <FieldBox path="issuerId" label={t('domain:partyRole.issuer')} hint={t('editor.issuerHint')} error={err.issuerId}>
              <PersonSelect path="issuerId" hint value={values.issuerId} onChange={(v) => set('issuerId', v)} people={active} sites={sites} placeholder={t('editor.choose')} error={err.issuerId} />
            </FieldBox>
            <FieldBox path="supervisorId" label={t('domain:partyRole.supervisor')} hint={t('editor.supervisorHint')} error={err.supervisorId}>
              <PersonSelect path="supervisorId" hint value={values.supervisorId} onChange={(v) => set('supervisorId', v)} people={active} sites={sites} placeholder={t('editor.noSupervisor')} error={err.supervisorId} />
            </FieldBox>
            <WitnessPicker value={values.witnessIds} onChange={(ids) => set('witnessIds', ids)} people={active} sites={sites} names={name} error={err.witnessIds} />
          </div>
        </fieldset>

        <fieldset className="editor-section">
          <legend>{t('editor.textSection')}</legend>
          <FieldBox
            path="text"
            label={t('editor.text')}
            hint={values.text === null ? t('editor.textAuto') : t('editor.textEdited')}
            error={err.text}
          >
            <textarea
              {...ctl.text}
              className="pledge-text-input"
              rows={18}
              value={text}
              maxLength={LIMITS.text}
              onChange={(ev) => set('text', ev.target.value)}
            />
          </FieldBox>
          {values.text !== null ? (
            <button type="button" onClick={() => setPending({ regenerate: true })}>
              {t('editor.regenerate')}
            </button>
          ) : null}
        </fieldset>

        <CommitmentsEditor rows={values.commitments} onChange={(rows) => set('commitments', rows)} errors={errors} />
        <MilestonesEditor rows={values.milestones} onChange={(rows) => set('milestones', rows)} errors={errors} savedCount={slots.length} pinned={pinned} />
        <ClauseList name="rewards" rows={values.rewards} onChange={(rows) => set('rewards', rows)} errors={errors} />
        <ClauseList name="penalties" rows={values.penalties} onChange={(rows) => set('penalties', rows)} errors={errors} />
        <ClauseList name="exemptions" rows={values.exemptions} onChange={(rows) => set('exemptions', rows)} errors={errors} />

        <div className="pledge-form-actions">
          {serviceError ? (
            <div className="pledge-refusal" id="pledge-service-error" role="alert" tabIndex={-1}>
              <p>{t('editor.refused', { reason: serviceError })}</p>
            </div>
          ) : null}
          <div className="form-buttons">
            <span className="form-state muted" aria-live="polite">
              {busy ? t('editor.saving') : dirty ? t('editor.unsaved') : t('editor.noChanges')}
            </span>
            <button type="button" onClick={() => (dirty ? setPending({ to: backTo }) : navigate(backTo))}>
              {t('common:cancel')}
            </button>
            <button type="submit" disabled={busy}>
              {t('editor.save')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void save(true)}>
              {t('editor.saveAndSubmit')}
            </button>
          </div>
        </div>
      </form>

      {pending && 'to' in pending ? (
        <ConfirmDialog
          title={t('editor.leaveTitle')}
          message={t('editor.leaveMessage')}
          confirmLabel={t('editor.leave')}
          danger
          onConfirm={() => {
            const to = pending.to;
            setPending(null);
            setValues(initial);
            navigate(to);
          }}
          onCancel={() => setPending(null)}
        />
      ) : null}
      {pending && 'regenerate' in pending ? (
        <ConfirmDialog
          title={t('editor.regenerateTitle')}
          message={t('editor.regenerateMessage')}
          confirmLabel={t('editor.regenerate')}
          danger
          onConfirm={() => {
            setPending(null);
            set('text', null);
          }}
          onCancel={() => setPending(null)}
        />
      ) : null}
    </div>
  );
}

function useLeaveGuardFor(active: boolean, setPending: (p: Pending) => void) {
  const onAttempt = useCallback((to: string) => setPending({ to }), [setPending]);
  useLeaveGuard(active, onAttempt);
}
