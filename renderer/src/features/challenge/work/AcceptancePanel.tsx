import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { StatusBadge } from '../../../components/Badges';
import { TextDialog } from '../../../components/Dialog';
import { EmptyState } from '../../../components/States';
import { useFormat } from '../../../i18n/format';
import { unwrap, useApi } from '../../../lib/api';
import { routes } from '../../../lib/routes';
import { useAction } from '../../../lib/use-action';
import { EvidenceStrip } from '../../evidence/EvidenceStrip';
import type { PanelProps } from '../types';
import { AcceptanceDecisionForm } from './AcceptanceDecisionForm';
import type { AcceptanceRow } from './shared';
import { WORKING_PLEDGE_STATUSES, usePersonName, useWorkSession } from './shared';
import './work.css';

function newestFirst(a: AcceptanceRow, b: AcceptanceRow): number {
  return a.requestedAt < b.requestedAt ? 1 : a.requestedAt > b.requestedAt ? -1 : 0;
}

/** 验收: the requests and HQ's decisions; "申请验收" while in progress, and HQ's decision form. */
export function AcceptancePanel({ detail }: PanelProps) {
  const { t } = useTranslation('work');
  const f = useFormat();
  const api = useApi();
  const headingId = useId();
  const nameOf = usePersonName(detail);
  const { hq } = useWorkSession();
  const { run, busy } = useAction();
  const [asking, setAsking] = useState(false);
  const { challenge } = detail;
  const acceptances = [...detail.acceptances].sort(newestFirst);
  const undelivered = detail.milestones.filter(
    (m) => WORKING_PLEDGE_STATUSES.includes(m.pledgeStatus) && m.status !== 'reported' && m.status !== 'verified',
  );
  const canRequest = challenge.status === 'in_progress';
  const deciding = challenge.status === 'acceptance_requested';

  const request = async (note: string) => {
    if (busy) return;
    const ok = await run(
      () => unwrap(api.acceptance.request({ challengeId: challenge.id, requestNote: note })),
      t('acceptance.requested'),
    );
    if (ok) setAsking(false);
  };

  return (
    <section className="panel work-panel" aria-labelledby={headingId}>
      <div className="work-panel-head">
        <h2 id={headingId}>{t('acceptance.title')}</h2>
        {canRequest ? (
          <button type="button" className="primary no-print" disabled={busy} onClick={() => setAsking(true)}>
            {t('acceptance.request')}
          </button>
        ) : null}
      </div>
      {canRequest && undelivered.length > 0 ? (
        <p className="work-note work-warning">
          {t('acceptance.undelivered', { count: undelivered.length, titles: undelivered.map((m) => t('acceptance.quoted', { title: m.title })).join(t('acceptance.listSeparator')) })}
        </p>
      ) : null}
      {detail.parent ? (
        <p className="work-note">
          {t('acceptance.children.parentBefore')}
          <Link href={routes.challenge(detail.parent.id)}>{detail.parent.title}</Link>
          {t('acceptance.children.parentAfter')}
        </p>
      ) : null}
      {detail.children.length > 0 ? (
        <div className="work-children">
          <h3>{t('acceptance.children.title')}</h3>
          <p className="work-note">{t('acceptance.children.rule')}</p>
          <ul className="wk-children-list">
            {detail.children.map((child) => (
              <li key={child.id}>
                <span className="muted wk-child-code">{child.code}</span>
                <Link href={routes.challenge(child.id)}>{child.title}</Link>
                <StatusBadge kind="challengeStatus" status={child.status} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {deciding && hq ? <AcceptanceDecisionForm detail={detail} /> : null}
      {deciding && !hq ? <p className="work-note">{t('acceptance.waitingHq')}</p> : null}
      {acceptances.length === 0 ? (
        <EmptyState title={t('acceptance.emptyTitle')} hint={t('acceptance.emptyHint')} />
      ) : (
        <ol className="work-records">
          {acceptances.map((a) => (
            <li key={a.id} className="work-record">
              <article aria-label={t('acceptance.recordLabel', { time: f.dateTime(a.requestedAt) })}>
                <header className="wk-record-head">
                  {a.decision ? (
                    <span className={`badge wk-decision-${a.decision}`}>{t(`domain:acceptanceDecision.${a.decision}`)}</span>
                  ) : (
                    <span className="badge wk-decision-pending">{t('acceptance.pending')}</span>
                  )}
                  <span className="muted">{t('acceptance.requestedBy', { name: nameOf(a.requestedBy), time: f.dateTime(a.requestedAt) })}</span>
                </header>
                {a.requestNote ? (
                  <div className="wk-record-field">
                    <h4>{t('acceptance.requestNote')}</h4>
                    <p>{a.requestNote}</p>
                  </div>
                ) : null}
                {a.criteriaResults.length > 0 ? (
                  <div className="wk-record-field">
                    <h4>{t('acceptance.criteria')}</h4>
                    <ul className="wk-criteria-results">
                      {a.criteriaResults.map((c, i) => (
                        <li key={`${i}-${c.criterion}`} className={c.met ? 'wk-met' : 'wk-not-met'}>
                          <span className="wk-criteria-mark" aria-hidden="true">
                            {c.met ? '✓' : '✗'}
                          </span>
                          <span className="criteria-name">{c.criterion}</span>
                          <span className={c.met ? 'wk-criteria-verdict wk-met' : 'wk-criteria-verdict wk-not-met'}>
                            {c.met ? t('acceptance.met') : t('acceptance.notMet')}
                          </span>
                          {c.note ? <span className="muted criteria-note-text">{c.note}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                {a.decisionNote ? (
                  <div className="wk-record-field">
                    <h4>{t('acceptance.decisionNote')}</h4>
                    <p>{a.decisionNote}</p>
                  </div>
                ) : null}
                {a.decidedAt ? (
                  <p className="muted wk-record-foot">{t('acceptance.decidedBy', { name: nameOf(a.acceptorId), time: f.dateTime(a.decidedAt) })}</p>
                ) : null}
                <EvidenceStrip
                  owner={{ entity: 'acceptance', id: a.id, challengeId: challenge.id }}
                  label={t('evidence:owner.acceptance', { time: f.dateTime(a.requestedAt) })}
                  canAdd={a.decision === null}
                />
              </article>
            </li>
          ))}
        </ol>
      )}
      {asking ? (
        <TextDialog
          title={t('acceptance.requestTitle')}
          label={t('acceptance.requestLabel')}
          confirmLabel={t('acceptance.requestConfirm')}
          maxLength={5000}
          onSubmit={(note) => void request(note)}
          onCancel={() => setAsking(false)}
        />
      ) : null}
    </section>
  );
}
