import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { StatusBadge } from '../../components/Badges';
import { ConfirmDialog, TextDialog } from '../../components/Dialog';
import { ErrorState, Loading } from '../../components/States';
import { unwrap, useApi } from '../../lib/api';
import { routes } from '../../lib/routes';
import { isHq, useSession } from '../../lib/session';
import { usePageTitle } from '../../lib/use-page-title';
import { useResource } from '../../lib/use-resource';
import type { PartyRole } from './model';
import { AMENDABLE, DRAFTING, shortHash, signableRoles, signatureSlots } from './model';
import { PledgeDiff } from './PledgeDiff';
import { PledgeDocument } from './PledgeDocument';
import { usePledgeAction } from './use-pledge-action';
import { VersionsPanel } from './VersionsPanel';
import './pledge.css';

type Ask = { kind: 'sign'; role: PartyRole } | { kind: 'void' | 'abandon' | 'amend' } | null;

/** 军令状: the formal document, signing, the life-cycle actions, its versions and what the amendment changed. */
export function PledgePage({ id }: { id: string }) {
  const { t } = useTranslation('pledge');
  const api = useApi();
  const [, navigate] = useLocation();
  const session = useSession((s) => s.session);
  const { run, busy, refusal, clear } = usePledgeAction();
  const [ask, setAsk] = useState<Ask>(null);
  const [lastAction, setLastAction] = useState<'sign' | 'other' | null>(null);

  const data = useResource(`pledge:${id}`, async (a) => {
    const view = await unwrap(a.pledges.get({ id }));
    const [detail, previous, sites] = await Promise.all([
      unwrap(a.challenges.get({ id: view.pledge.challengeId })),
      view.pledge.supersedesId ? unwrap(a.pledges.get({ id: view.pledge.supersedesId })) : Promise.resolve(null),
      unwrap(a.sites.list({})),
    ]);
    return { view, detail, previous, sites };
  });
  const sites = useMemo(() => new Map((data.data?.sites ?? []).map((s) => [s.id, s])), [data.data?.sites]);
  const shown = data.data?.view.pledge;
  usePageTitle(shown ? `${shown.title} ${shown.number} v${shown.version}` : null);

  if (!data.data) return data.status === 'error' ? <ErrorState error={data.error} onRetry={data.reload} /> : <Loading />;
  const { view, detail, previous } = data.data;
  const { pledge } = view;
  const me = session?.person ?? null;
  const hq = isHq(session);
  const signable = signableRoles(view, me?.id);
  // who may draft, submit, reopen and edit: HQ, or the 立状人 as a site lead (the service checks the site)
  const drafter = hq || (!!me && me.id === pledge.pledgerId && me.roles.includes('site_lead'));
  const amender = hq || (!!me && me.roles.includes('site_lead') && me.siteId === detail.challenge.siteId);
  const slots = signatureSlots(view);
  const required = slots.filter((s) => s.required);
  const missing = required.filter((s) => !s.signature);
  const name = (personId: string) => view.parties[personId]?.name ?? detail.people[personId] ?? t('common:unknownPerson');

  const act = async (kind: 'submit' | 'reopen') => {
    setLastAction('other');
    if (kind === 'submit') await run(() => unwrap(api.pledges.submit({ id })), t('actions.submitted'));
    else await run(() => unwrap(api.pledges.reopen({ id })), t('actions.reopened'));
  };
  const sign = async (role: PartyRole) => {
    setAsk(null);
    setLastAction('sign');
    await run(() => unwrap(api.pledges.sign({ id, role })), t('sign.done', { role: t(`domain:partyRole.${role}`) }));
  };
  const withReason = async (kind: 'void' | 'abandon' | 'amend', reason: string) => {
    setAsk(null);
    setLastAction('other');
    if (kind === 'amend') {
      const amended = await run(() => unwrap(api.pledges.amend({ id, reason })), t('actions.amended'));
      if (amended) navigate(routes.pledge(amended.pledge.id));
    } else if (kind === 'void') {
      await run(() => unwrap(api.pledges.void({ id, reason })), t('actions.voided'));
    } else {
      await run(() => unwrap(api.pledges.abandon({ id, reason })), t('actions.abandoned'));
    }
  };
  const refusalNote = (which: 'sign' | 'other') =>
    refusal && lastAction === which ? (
      <div className="pledge-refusal" role="alert">
        <p>{t(which === 'sign' ? 'sign.refused' : 'actions.refused', { reason: refusal })}</p>
        <button type="button" className="no-print" onClick={clear}>
          {t('common:close')}
        </button>
      </div>
    ) : null;

  const otherRefusal = refusalNote('other');
  const signRefusal = refusalNote('sign');

  return (
    <div className="pledge-page">
      <nav className="pledge-crumbs no-print" aria-label={t('crumbs')}>
        <Link href={routes.board(detail.board.id)}>{detail.board.title}</Link>
        <span aria-hidden="true">/</span>
        <Link href={routes.challenge(detail.challenge.id)}>{t('challengeLink', { code: detail.challenge.code, title: detail.challenge.title })}</Link>
      </nav>

      <div className="pledge-layout">
        <div className="pledge-main">
          <div className="pledge-toolbar no-print">
            <div className="pledge-state">
              <StatusBadge kind="pledgeStatus" status={pledge.status} />
              <span className="pledge-progress">
                {missing.length === 0
                  ? t('progress.complete', { signed: required.length })
                  : t('progress.partial', { signed: required.length - missing.length, total: required.length, names: missing.map((s) => t('progress.who', { role: t(`domain:partyRole.${s.role}`), name: name(s.personId) })).join(t('listJoiner')) })}
              </span>
              {pledge.textHash ? (
                <span className="pledge-frozen" title={pledge.textHash}>
                  {t('progress.frozen', { hash: shortHash(pledge.textHash) })}
                </span>
              ) : null}
            </div>
            <div className="pledge-actions" role="group" aria-label={t('actions.label')}>
              {pledge.status === 'draft' && drafter ? (
                <>
                  <Link href={routes.editPledge(id)} className="button">
                    {t('actions.edit')}
                  </Link>
                  <button type="button" className="primary" disabled={busy} onClick={() => void act('submit')}>
                    {t('actions.submit')}
                  </button>
                </>
              ) : null}
              {pledge.status === 'ready_to_sign' && drafter ? (
                <button type="button" disabled={busy} onClick={() => void act('reopen')}>
                  {t('actions.reopen')}
                </button>
              ) : null}
              {AMENDABLE.includes(pledge.status) && amender ? (
                <button type="button" disabled={busy} onClick={() => setAsk({ kind: 'amend' })}>
                  {t('actions.amend')}
                </button>
              ) : null}
              <button type="button" onClick={() => window.print()}>
                {t('actions.print')}
              </button>
              {DRAFTING.includes(pledge.status) && hq ? (
                <button type="button" className="danger" disabled={busy} onClick={() => setAsk({ kind: 'void' })}>
                  {t('actions.void')}
                </button>
              ) : null}
              {AMENDABLE.includes(pledge.status) && hq ? (
                <button type="button" className="danger" disabled={busy} onClick={() => setAsk({ kind: 'abandon' })}>
                  {t('actions.abandon')}
                </button>
              ) : null}
            </div>
            {signable.length > 0 ? (
              <p className="pledge-hint">{t('sign.hint', { roles: signable.map((r) => t(`domain:partyRole.${r}`)).join(t('listJoiner')) })}</p>
            ) : null}
            {otherRefusal}
          </div>

          <PledgeDocument
            view={view}
            sites={sites}
            names={detail.people}
            signable={signable}
            meId={me?.id ?? null}
            onSign={(role) => setAsk({ kind: 'sign', role })}
            busy={busy}
            refusal={signRefusal}
          />

          {previous ? (
            <PledgeDiff view={view} previous={previous} names={detail.people} />
          ) : (
            <section className="panel pledge-diff no-print" aria-labelledby="pledge-diff-h">
              <h2 id="pledge-diff-h">{t('diff.heading')}</h2>
              <p className="muted">{t('diff.firstVersion')}</p>
            </section>
          )}
        </div>
        <aside className="pledge-aside">
          <VersionsPanel detail={detail} currentId={id} />
        </aside>
      </div>

      {ask?.kind === 'sign' ? (
        <ConfirmDialog
          title={t('sign.confirmTitle')}
          message={t('sign.confirmMessage', { role: t(`domain:partyRole.${ask.role}`), title: pledge.title, n: pledge.version, hash: shortHash(view.currentHash) })}
          confirmLabel={t('sign.confirm')}
          onConfirm={() => void sign(ask.role)}
          onCancel={() => setAsk(null)}
        />
      ) : null}
      {ask && ask.kind !== 'sign' ? (
        <TextDialog
          title={t(`actions.${ask.kind}Title`)}
          label={t(`actions.${ask.kind}Reason`)}
          confirmLabel={t(`actions.${ask.kind}`)}
          danger={ask.kind !== 'amend'}
          onSubmit={(reason) => void withReason(ask.kind, reason)}
          onCancel={() => setAsk(null)}
        />
      ) : null}
    </div>
  );
}
