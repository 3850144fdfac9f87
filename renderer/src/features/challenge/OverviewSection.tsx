import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { withUnit } from './model';
import type { ChallengeDetail } from './types';

const FIELDS = ['background', 'eligibility', 'acceptanceCriteria', 'reward'] as const;

/** What the challenge asks: background, who may take it, how it is accepted, the reward. */
export function FieldsSection({ detail }: { detail: ChallengeDetail }) {
  const { t } = useTranslation('challenge');
  return (
    <section id="sec-overview" className="panel challenge-section" tabIndex={-1} aria-labelledby="sec-overview-h">
      <h2 id="sec-overview-h">{t('sections.overview')}</h2>
      <dl className="challenge-fields">
        {FIELDS.map((field) => {
          const value = detail.challenge[field].trim();
          return (
            <div key={field}>
              <dt>{t(`fields.${field}`)}</dt>
              <dd className={value ? 'challenge-text' : 'muted'}>{value || t('fields.empty')}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/** The KPIs as baseline → target → current, each with its unit and how it is measured. */
export function KpiSection({ detail }: { detail: ChallengeDetail }) {
  const { t } = useTranslation('challenge');
  const f = useFormat();
  const { kpis } = detail.challenge;
  // the newest log entry is the latest word on overall progress; per-KPI actuals come with the KPI itself
  const latest = detail.progress[0];
  const commitments = new Map(
    detail.pledges
      .filter((p) => p.status === 'active' || p.status === 'signed')
      .flatMap((p) => p.commitments.map((c) => [c.kpi, c] as const)),
  );
  return (
    <section id="sec-kpis" className="panel challenge-section" tabIndex={-1} aria-labelledby="sec-kpis-h">
      <h2 id="sec-kpis-h">{t('sections.kpis')}</h2>
      {kpis.length === 0 ? (
        <p className="muted">{t('kpis.empty')}</p>
      ) : (
        <div className="challenge-table-scroll">
          <table className="challenge-table kpi-table">
            <caption className="ch-hidden">{t('kpis.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kpis.name')}</th>
                <th scope="col">{t('kpis.baseline')}</th>
                <th scope="col" aria-hidden="true" className="kpi-arrow-col" />
                <th scope="col">{t('kpis.target')}</th>
                <th scope="col" aria-hidden="true" className="kpi-arrow-col" />
                <th scope="col">{t('kpis.current')}</th>
                <th scope="col">{t('kpis.method')}</th>
              </tr>
            </thead>
            <tbody>
              {kpis.map((kpi, index) => {
                const pledged = commitments.get(kpi.name);
                const pledgedTarget = pledged ? withUnit(pledged.target, pledged.unit || kpi.unit) : '';
                const target = withUnit(kpi.target, kpi.unit);
                return (
                  <tr key={index}>
                    <th scope="row">{kpi.name}</th>
                    <td>{withUnit(kpi.baseline, kpi.unit) || <span className="muted">—</span>}</td>
                    <td aria-hidden="true" className="kpi-arrow">
                      →
                    </td>
                    <td>
                      <strong>{target}</strong>
                      {pledgedTarget && pledgedTarget !== target ? (
                        <span className="kpi-pledged">{t('kpis.pledged', { value: pledgedTarget })}</span>
                      ) : null}
                    </td>
                    <td aria-hidden="true" className="kpi-arrow">
                      →
                    </td>
                    <td>{kpi.current ? <strong>{withUnit(kpi.current, kpi.unit)}</strong> : <span className="muted">{t('kpis.noCurrent')}</span>}</td>
                    <td className="kpi-method">{kpi.method || <span className="muted">—</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="kpi-latest">
        {latest
          ? t('kpis.latest', { percent: f.percent(latest.percent), date: f.date(latest.date) })
          : t('kpis.noProgress')}
      </p>
    </section>
  );
}
