import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Light, StatusBadge } from '../../../components/Badges';
import { ConfirmDialog, TextDialog } from '../../../components/Dialog';
import { EmptyState } from '../../../components/States';
import { useFormat } from '../../../i18n/format';
import { unwrap, useApi } from '../../../lib/api';
import { routes } from '../../../lib/routes';
import { useAction } from '../../../lib/use-action';
import { EvidenceStrip } from '../../evidence/EvidenceStrip';
import type { PanelProps } from '../types';
import type { MilestoneRow } from './shared';
import { DRAFT_PLEDGE_STATUSES, WORKING_PLEDGE_STATUSES, usePersonName } from './shared';
import './work.css';

type MilestoneAct = 'start' | 'report' | 'verify' | 'reject';

/** What the milestone machine allows from each status (reporting a planned milestone starts it first). */
const ACTS_BY_STATUS: Record<string, MilestoneAct[]> = {
  planned: ['start', 'report'],
  in_progress: ['report'],
  rejected: ['start', 'report'],
  reported: ['verify', 'reject'],
};

export function milestoneActs(m: Pick<MilestoneRow, 'status' | 'pledgeStatus'>): MilestoneAct[] {
  if (!WORKING_PLEDGE_STATUSES.includes(m.pledgeStatus)) return [];
  return ACTS_BY_STATUS[m.status] ?? [];
}

interface Group {
  pledgeId: string;
  milestones: MilestoneRow[];
}

function groupByPledge(milestones: readonly MilestoneRow[]): Group[] {
  const groups = new Map<string, MilestoneRow[]>();
  for (const m of milestones) {
    const list = groups.get(m.pledgeId) ?? [];
    list.push(m);
    groups.set(m.pledgeId, list);
  }
  return [...groups].map(([pledgeId, list]) => ({ pledgeId, milestones: [...list].sort((a, b) => a.seq - b.seq) }));
}

/** 节点: the live pledge's milestones (and a draft's, marked), with lights and the moves each status allows. */
export function MilestonesPanel({ detail }: PanelProps) {
  const { t } = useTranslation('work');
  const headingId = useId();
  const api = useApi();
  const f = useFormat();
  const nameOf = usePersonName(detail);
  const { run, busy } = useAction();
  const [dialog, setDialog] = useState<{ act: MilestoneAct; milestone: MilestoneRow } | null>(null);
  const groups = groupByPledge(detail.milestones);

  const perform = async (act: MilestoneAct, m: MilestoneRow, text = '') => {
    if (busy) return;
    const ok = await run(async () => {
      if (act === 'start') await unwrap(api.milestones.start({ id: m.id }));
      else if (act === 'report') await unwrap(api.milestones.report({ id: m.id, note: text }));
      else if (act === 'verify') await unwrap(api.milestones.verify({ id: m.id }));
      else await unwrap(api.milestones.reject({ id: m.id, reason: text }));
    }, t(`milestones.${act === 'start' ? 'started' : act === 'report' ? 'reported' : act === 'verify' ? 'verifiedDone' : 'rejected'}`));
    if (ok) setDialog(null);
  };

  const open = (act: MilestoneAct, m: MilestoneRow) => {
    if (act === 'start') void perform('start', m);
    else setDialog({ act, milestone: m });
  };

  return (
    <section className="panel work-panel" aria-labelledby={headingId}>
      <div className="work-panel-head">
        <h2 id={headingId}>{t('milestones.title')}</h2>
      </div>
      {groups.length === 0 ? (
        <EmptyState title={t('milestones.emptyTitle')} hint={t('milestones.emptyHint')} />
      ) : (
        groups.map((group) => {
          const pledge = detail.pledges.find((p) => p.id === group.pledgeId);
          // a group holds at least one milestone, which carries its pledge's status
          const pledgeStatus = (group.milestones[0] as MilestoneRow).pledgeStatus;
          const draft = DRAFT_PLEDGE_STATUSES.includes(pledgeStatus);
          const closed = !draft && !WORKING_PLEDGE_STATUSES.includes(pledgeStatus);
          return (
            <div key={group.pledgeId} className={draft ? 'wk-ms-group wk-ms-group-draft' : 'wk-ms-group'}>
              <div className="wk-ms-group-head">
                <h3>{t('milestones.pledgeHeading', { number: pledge?.number || pledge?.title || '', version: pledge?.version ?? 1 })}</h3>
                <StatusBadge kind="pledgeStatus" status={pledgeStatus} />
                {pledge ? (
                  <Link href={routes.pledge(pledge.id)} className="wk-ms-pledge-link">
                    {t('milestones.openPledge')}
                  </Link>
                ) : null}
              </div>
              {draft ? <p className="work-note">{t('milestones.draftNote')}</p> : null}
              {closed ? <p className="work-note">{t('milestones.closedNote')}</p> : null}
              <div className="wk-table-scroll">
                <table className="work-table ms-table">
                  <thead>
                    <tr>
                      <th scope="col" className="wk-col-seq">{t('milestones.columns.seq')}</th>
                      <th scope="col">{t('milestones.columns.milestone')}</th>
                      <th scope="col" className="wk-col-due">{t('milestones.columns.due')}</th>
                      <th scope="col" className="wk-col-status">{t('milestones.columns.status')}</th>
                      <th scope="col" className="wk-col-light">{t('milestones.columns.light')}</th>
                      <th scope="col" className="wk-col-actions no-print">{t('milestones.columns.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.milestones.map((m) => {
                      const acts = milestoneActs(m);
                      return (
                        <tr key={m.id} className={m.overdue ? 'wk-ms-overdue' : undefined} data-milestone={m.id}>
                          <td className="wk-col-seq">{m.seq}</td>
                          <td>
                            <div className="wk-ms-title">
                              <span>{m.title}</span>
                              {draft ? <span className="badge wk-badge-draft">{t('milestones.draftBadge')}</span> : null}
                            </div>
                            {m.deliverable ? <p className="wk-ms-line">{t('milestones.deliverable', { text: m.deliverable })}</p> : null}
                            {m.evidenceRequired ? <p className="wk-ms-line muted">{t('milestones.evidence', { text: m.evidenceRequired })}</p> : null}
                            {m.reportNote ? (
                              <p className="wk-ms-line ms-report">
                                {t('milestones.reportNote', { text: m.reportNote })}
                                {m.reportedAt ? <span className="muted"> · {t('milestones.reportedAt', { time: f.dateTime(m.reportedAt) })}</span> : null}
                              </p>
                            ) : null}
                            {m.status === 'rejected' && m.rejectReason ? (
                              <p className="wk-ms-line wk-ms-reject">{t('milestones.rejectReason', { text: m.rejectReason })}</p>
                            ) : null}
                            {m.status === 'verified' && m.verifiedAt ? (
                              <p className="wk-ms-line muted">{t('milestones.verified', { name: nameOf(m.verifiedBy), time: f.dateTime(m.verifiedAt) })}</p>
                            ) : null}
                            <EvidenceStrip
                              owner={{ entity: 'milestone', id: m.id, challengeId: detail.challenge.id }}
                              label={t('evidence:owner.milestone', { title: m.title })}
                              canAdd={WORKING_PLEDGE_STATUSES.includes(m.pledgeStatus) && m.status !== 'verified'}
                            />
                          </td>
                          <td className="wk-col-due">
                            <time dateTime={m.dueDate}>{f.date(m.dueDate)}</time>
                            {m.overdue ? <span className="wk-overdue-mark">{t('milestones.overdue')}</span> : null}
                          </td>
                          <td className="wk-col-status">
                            <StatusBadge kind="milestoneStatus" status={m.status} />
                          </td>
                          <td className="wk-col-light">
                            <Light light={m.light} />
                          </td>
                          <td className="wk-col-actions no-print">
                            {acts.length === 0 ? (
                              <span className="muted" aria-hidden="true">{t('milestones.none')}</span>
                            ) : (
                              <div className="wk-row-actions" role="group" aria-label={t('milestones.actionsFor', { title: m.title })}>
                                {acts.map((act) => (
                                  <button
                                    key={act}
                                    type="button"
                                    className={act === 'reject' ? 'danger' : act === 'verify' || act === 'report' ? 'primary' : undefined}
                                    disabled={busy}
                                    onClick={() => open(act, m)}
                                  >
                                    {t(`milestones.${act === 'start' && m.status === 'rejected' ? 'restart' : act}`)}
                                  </button>
                                ))}
                              </div>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </div>
          );
        })
      )}
      {dialog?.act === 'report' ? (
        <TextDialog
          title={t('milestones.reportTitle', { title: dialog.milestone.title })}
          label={t('milestones.reportLabel')}
          confirmLabel={t('milestones.reportConfirm')}
          maxLength={5000}
          onSubmit={(text) => void perform('report', dialog.milestone, text)}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {dialog?.act === 'reject' ? (
        <TextDialog
          title={t('milestones.rejectTitle', { title: dialog.milestone.title })}
          label={t('milestones.rejectLabel')}
          confirmLabel={t('milestones.rejectConfirm')}
          danger
          onSubmit={(text) => void perform('reject', dialog.milestone, text)}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {dialog?.act === 'verify' ? (
        <ConfirmDialog
          title={t('milestones.verifyTitle', { title: dialog.milestone.title })}
          message={t('milestones.verifyMessage')}
          confirmLabel={t('milestones.verifyConfirm')}
          onConfirm={() => void perform('verify', dialog.milestone)}
          onCancel={() => setDialog(null)}
        />
      ) : null}
    </section>
  );
}
