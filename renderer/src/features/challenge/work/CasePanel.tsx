import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/States';
import { useFormat } from '../../../i18n/format';
import type { PanelProps } from '../types';
import { PromoteForm } from './PromoteForm';
import { usePersonName, useWorkSession } from './shared';
import './work.css';

/** 典型案例: the case this challenge became, or — for HQ, once accepted and assessed — the promote form. */
export function CasePanel({ detail }: PanelProps) {
  const { t } = useTranslation('work');
  const f = useFormat();
  const headingId = useId();
  const nameOf = usePersonName(detail);
  const { hq } = useWorkSession();
  const [promoting, setPromoting] = useState(false);
  const openRef = useRef<HTMLButtonElement>(null);
  const item = detail.case;
  const assessed = ['assessed', 'archived'].includes(detail.challenge.status);
  const passed = detail.acceptances.some((a) => a.decision === 'passed');
  const canPromote = !item && hq && assessed && passed;

  return (
    <section className="panel work-panel" aria-labelledby={headingId}>
      <div className="work-panel-head">
        <h2 id={headingId}>{t('case.title')}</h2>
        {canPromote && !promoting ? (
          <button ref={openRef} type="button" className="primary no-print" onClick={() => setPromoting(true)}>
            {t('case.form.open')}
          </button>
        ) : null}
      </div>
      {item ? (
        <article className="wk-case-card" aria-labelledby={`${headingId}-case`}>
          <h3 id={`${headingId}-case`}>{item.title}</h3>
          {item.tags.length > 0 ? (
            <ul className="wk-case-tags" aria-label={t('case.tags')}>
              {item.tags.map((tag) => (
                <li key={tag} className="wk-tag">
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="wk-record-field">
            <h4>{t('case.problem')}</h4>
            <p>{item.problem}</p>
          </div>
          <div className="wk-record-field">
            <h4>{t('case.solution')}</h4>
            <p>{item.solution}</p>
          </div>
          <div className="wk-record-field">
            <h4>{t('case.results')}</h4>
            <p>{item.results}</p>
          </div>
          <p className="muted wk-record-foot">{t('case.promotedBy', { name: nameOf(item.promotedBy), time: f.dateTime(item.promotedAt) })}</p>
        </article>
      ) : canPromote && promoting ? (
        <PromoteForm
          detail={detail}
          onCancel={() => {
            setPromoting(false);
            setTimeout(() => openRef.current?.focus(), 0);
          }}
        />
      ) : (
        <EmptyState title={t('case.emptyTitle')} hint={assessed && !passed ? t('case.notEligible') : t('case.emptyHint')} />
      )}
    </section>
  );
}
