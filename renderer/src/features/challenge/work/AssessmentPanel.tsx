import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/States';
import { useFormat } from '../../../i18n/format';
import type { PanelProps } from '../types';
import { AssessForm } from './AssessForm';
import { usePersonName, useWorkSession } from './shared';
import './work.css';

/** 考核评价: the assessments made, and HQ's assess form once acceptance is decided. */
export function AssessmentPanel({ detail }: PanelProps) {
  const { t } = useTranslation('work');
  const f = useFormat();
  const headingId = useId();
  const nameOf = usePersonName(detail);
  const { hq } = useWorkSession();
  const status = detail.challenge.status;
  const assessable = status === 'accepted' || status === 'not_accepted';
  const assessments = [...detail.assessments].sort((a, b) => (a.assessedAt < b.assessedAt ? 1 : -1));

  return (
    <section className="panel work-panel" aria-labelledby={headingId}>
      <div className="work-panel-head">
        <h2 id={headingId}>{t('assessment.title')}</h2>
      </div>
      {assessable && hq ? <AssessForm detail={detail} /> : null}
      {assessable && !hq ? <p className="work-note">{t('assessment.waitingHq')}</p> : null}
      {assessments.length === 0 && !(assessable && hq) ? (
        <EmptyState title={t('assessment.emptyTitle')} hint={t('assessment.emptyHint')} />
      ) : assessments.length === 0 ? null : (
        <ol className="work-records">
          {assessments.map((a) => (
            <li key={a.id} className="work-record">
              <article aria-label={t('assessment.recordLabel', { time: f.dateTime(a.assessedAt) })}>
                <dl className="wk-assessment-facts">
                  <div>
                    <dt>{t('assessment.score')}</dt>
                    <dd className="wk-assessment-score">{t('assessment.scoreValue', { score: f.number(a.score) })}</dd>
                  </div>
                  <div>
                    <dt>{t('assessment.grade')}</dt>
                    <dd>
                      <span className={`badge wk-grade-${a.grade}`}>{t(`domain:grade.${a.grade}`)}</span>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('assessment.outcome')}</dt>
                    <dd>
                      <span className={`badge badge-${a.pledgeOutcome}`}>{t(`domain:pledgeOutcome.${a.pledgeOutcome}`)}</span>
                    </dd>
                  </div>
                </dl>
                <div className="wk-record-field">
                  <h4>{t('assessment.rewardsApplied')}</h4>
                  <p>{a.rewardsApplied || t('assessment.nothing')}</p>
                </div>
                <div className="wk-record-field">
                  <h4>{t('assessment.penaltiesApplied')}</h4>
                  <p>{a.penaltiesApplied || t('assessment.nothing')}</p>
                </div>
                {a.note ? (
                  <div className="wk-record-field">
                    <h4>{t('assessment.note')}</h4>
                    <p>{a.note}</p>
                  </div>
                ) : null}
                <p className="muted wk-record-foot">{t('assessment.assessedBy', { name: nameOf(a.assessorId), time: f.dateTime(a.assessedAt) })}</p>
              </article>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
