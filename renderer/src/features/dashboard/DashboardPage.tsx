import { useId, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Output } from '../../../../main/contract/index';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import type { Formatters } from '../../i18n/format';
import { unwrap } from '../../lib/api';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import { Chart } from './Chart';
import type { ChartOption, ChartRow } from './Chart';
import { CATEGORY_COLORS, CHALLENGE_STATUS_COLORS, CHART_FONT, MILESTONE_COLORS, PLEDGE_STATUS_COLORS, TEAM_COLORS } from './palette';
import './dashboard.css';

type Dashboard = Output<'dashboard.get'>;

/** Challenges still being worked on, for the "in progress" tile. */
const WORKING = ['in_progress', 'suspended', 'rework'] as const;

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((a, b) => a + b, 0);
}

/** The headline figures and charts of the whole group or one site, from dashboard.get. */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const fmt = useFormat();
  const scopeId = useId();
  // the scope lives in component state: the route has no place for it
  const [siteId, setSiteId] = useState('');
  const sites = useResource('dashboard-sites', (api) => unwrap(api.sites.list({})));
  const current = useResource(`dashboard:${siteId || 'all'}`, (api) => unwrap(api.dashboard.get(siteId ? { siteId } : {})));
  // while another scope loads, the last figures stay on screen (marked busy) so nothing jumps
  const [last, setLast] = useState<Dashboard | null>(null);
  if (current.data && current.data !== last) setLast(current.data);
  const data = current.data ?? last;

  if (!data) return current.status === 'error' ? <ErrorState error={current.error} onRetry={current.reload} /> : <Loading />;
  const total = sum(data.byStatus);

  return (
    <div className="dashboard" aria-busy={current.status === 'loading'}>
      <div className="dashboard-heading">
        <h1>{t('title')}</h1>
        <div className="dashboard-scope no-print">
          <label htmlFor={scopeId}>{t('scope')}</label>
          <select id={scopeId} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            <option value="">{t('allSites')}</option>
            {(sites.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <p className="muted dashboard-note">{t('scopeNote')}</p>
      </div>
      {current.status === 'error' ? <ErrorState error={current.error} onRetry={current.reload} /> : null}
      <Kpis data={data} fmt={fmt} />
      {total === 0 ? (
        siteId ? <EmptyState title={t('emptySite')} hint={t('emptySiteHint')} /> : <EmptyState title={t('empty')} hint={t('emptyHint')} />
      ) : null}
      <Overdue data={data} fmt={fmt} />
      <Charts data={data} />
    </div>
  );
}

function Kpis({ data, fmt }: { data: Dashboard; fmt: Formatters }) {
  const { t } = useTranslation('dashboard');
  const m = data.milestones;
  const members = data.teams.reduce((a, team) => a + team.members, 0);
  const tiles: { key: string; label: string; value: string; hint?: string; tone?: 'alert' | 'good' }[] = [
    { key: 'challenges', label: t('kpi.challenges'), value: fmt.number(sum(data.byStatus)) },
    { key: 'inProgress', label: t('kpi.inProgress'), value: fmt.number(WORKING.reduce((a, s) => a + (data.byStatus[s] ?? 0), 0)), hint: t('kpi.inProgressHint') },
    { key: 'milestones', label: t('kpi.milestones'), value: fmt.number(m.total), hint: t('kpi.delivered', { count: m.delivered }) },
    { key: 'overdue', label: t('kpi.overdue'), value: fmt.number(m.overdue), hint: t('kpi.overdueHint'), tone: m.overdue > 0 ? 'alert' : 'good' },
    {
      key: 'onTime', label: t('kpi.onTimeRate'),
      value: m.onTimeRate === null ? '—' : fmt.percent(m.onTimeRate * 100),
      hint: m.onTimeRate === null ? t('kpi.onTimeNone') : t('kpi.onTimeHint', { onTime: m.onTime, delivered: m.delivered }),
    },
    { key: 'pledges', label: t('kpi.pledges'), value: fmt.number(sum(data.pledgeOutcomes)), hint: t('kpi.pledgesHint', { count: data.pledgeOutcomes.active ?? 0 }) },
    { key: 'cases', label: t('kpi.cases'), value: fmt.number(data.caseCount) },
    { key: 'teams', label: t('kpi.teams'), value: fmt.number(data.teams.length), hint: t('kpi.teamsHint', { count: members }) },
  ];
  return (
    <section aria-label={t('kpi.label')}>
      <dl className="kpi-grid">
        {tiles.map((tile) => (
          <div key={tile.key} className={`kpi${tile.tone ? ` kpi-${tile.tone}` : ''}`} data-kpi={tile.key}>
            <dt className="kpi-label">{tile.label}</dt>
            <dd className="kpi-value">{tile.value}</dd>
            {tile.hint ? <dd className="kpi-hint">{tile.hint}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}

function summaryOf(t: TFunction, title: string, rows: ChartRow[]): string {
  if (rows.length === 0) return t('charts.summaryEmpty', { title });
  const items = rows.map((r) => t('charts.item', { label: r.label, value: r.values[0] })).join(t('charts.separator'));
  return t('charts.summary', { title, items });
}

const BASE = { textStyle: { fontFamily: CHART_FONT }, animationDuration: 400 } as const;

/** A bar per item, longest label on the left: statuses and categories read better sideways. */
function barOption(rows: { label: string; value: number; color: string }[], seriesName: string): ChartOption {
  return {
    ...BASE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 28, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisTick: { show: false } },
    series: [{
      type: 'bar', name: seriesName, barMaxWidth: 22,
      label: { show: true, position: 'right' },
      data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.color } })),
    }],
  };
}

function pieOption(rows: { label: string; value: number; color: string }[], seriesName: string): ChartOption {
  return {
    ...BASE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{
      type: 'pie', name: seriesName, radius: ['42%', '70%'], center: ['50%', '44%'],
      label: { formatter: '{b}\n{c}' },
      data: rows.map((r) => ({ name: r.label, value: r.value, itemStyle: { color: r.color } })),
    }],
  };
}

function Charts({ data }: { data: Dashboard }) {
  const { t } = useTranslation('dashboard');
  const charts = useMemo(() => {
    const count = t('charts.count');
    const byStatus = (Object.keys(CHALLENGE_STATUS_COLORS) as (keyof typeof CHALLENGE_STATUS_COLORS)[])
      .filter((s) => (data.byStatus[s] ?? 0) > 0)
      .map((s) => ({ label: t(`domain:challengeStatus.${s}`), value: data.byStatus[s] ?? 0, color: CHALLENGE_STATUS_COLORS[s] }));
    const byCategory = (Object.keys(CATEGORY_COLORS) as (keyof typeof CATEGORY_COLORS)[])
      .filter((c) => (data.byCategory[c] ?? 0) > 0)
      .map((c) => ({ label: t(`domain:category.${c}`), value: data.byCategory[c] ?? 0, color: CATEGORY_COLORS[c] }));
    const m = data.milestones;
    const milestoneParts = [
      { key: 'onTime', value: m.onTime },
      { key: 'late', value: m.delivered - m.onTime },
      { key: 'overdue', value: m.overdue },
      { key: 'open', value: Math.max(0, m.total - m.delivered - m.overdue) },
    ] as const;
    const milestones = milestoneParts
      .filter((p) => p.value > 0)
      .map((p) => ({ label: t(`charts.${p.key}`), value: p.value, color: MILESTONE_COLORS[p.key] }));
    const pledges = (Object.keys(PLEDGE_STATUS_COLORS) as (keyof typeof PLEDGE_STATUS_COLORS)[])
      .filter((s) => (data.pledgeOutcomes[s] ?? 0) > 0)
      .map((s) => ({ label: t(`domain:pledgeStatus.${s}`), value: data.pledgeOutcomes[s] ?? 0, color: PLEDGE_STATUS_COLORS[s] }));
    const simple = (title: string, rows: { label: string; value: number; color: string }[], kind: 'bar' | 'pie') => {
      const table = rows.map((r) => ({ label: r.label, values: [r.value] }));
      return {
        title, columns: [count], rows: table, summary: summaryOf(t, title, table),
        option: kind === 'bar' ? barOption(rows, title) : pieOption(rows, title),
        height: kind === 'bar' ? Math.max(160, rows.length * 30 + 24) : 280,
      };
    };
    const teamTitle = t('charts.teams');
    const teamRows = data.teams.map((team) => ({ label: team.name, values: [team.members, team.activeClaims] }));
    const teams = {
      title: teamTitle,
      columns: [t('charts.members'), t('charts.activeClaims')],
      rows: teamRows,
      summary: teamRows.length === 0
        ? t('charts.summaryEmpty', { title: teamTitle })
        : t('charts.summary', {
            title: teamTitle,
            items: data.teams.map((team) => t('charts.teamItem', { label: team.name, members: team.members, claims: team.activeClaims })).join(t('charts.separator')),
          }),
      height: Math.max(160, data.teams.length * 44 + 60),
      option: {
        ...BASE,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0 },
        grid: { left: 8, right: 28, top: 8, bottom: 32, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: data.teams.map((team) => team.name), axisTick: { show: false } },
        series: [
          { type: 'bar', name: t('charts.members'), barMaxWidth: 16, itemStyle: { color: TEAM_COLORS.members }, label: { show: true, position: 'right' }, data: data.teams.map((team) => team.members) },
          { type: 'bar', name: t('charts.activeClaims'), barMaxWidth: 16, itemStyle: { color: TEAM_COLORS.activeClaims }, label: { show: true, position: 'right' }, data: data.teams.map((team) => team.activeClaims) },
        ],
      } satisfies ChartOption,
    };
    return {
      byStatus: simple(t('charts.byStatus'), byStatus, 'bar'),
      byCategory: simple(t('charts.byCategory'), byCategory, 'pie'),
      milestones: simple(t('charts.milestones'), milestones, 'pie'),
      pledges: simple(t('charts.pledges'), pledges, 'bar'),
      teams,
    };
    // t is new for each language, so a language switch rebuilds the options with the new labels
  }, [data, t]);

  return (
    <div className="chart-grid">
      <Chart {...charts.byStatus} />
      <Chart {...charts.byCategory} />
      <Chart {...charts.milestones} />
      <Chart {...charts.pledges} />
      <div className="chart-wide">
        <Chart {...charts.teams} />
      </div>
    </div>
  );
}

function Overdue({ data, fmt }: { data: Dashboard; fmt: Formatters }) {
  const { t } = useTranslation('dashboard');
  const count = data.milestones.overdue;
  return (
    <section className="panel dashboard-overdue" aria-labelledby="dashboard-overdue-heading">
      <div className="dashboard-section-heading">
        <h2 id="dashboard-overdue-heading">{t('overdue.heading')}</h2>
        <span className={count > 0 ? 'overdue-count' : 'muted'}>{t('overdue.count', { count })}</span>
      </div>
      {data.overdue.length === 0 ? (
        <EmptyState title={t('overdue.none')} hint={t('overdue.noneHint')} />
      ) : (
        <>
          <table className="overdue-table">
            <thead>
              <tr>
                <th scope="col">{t('overdue.milestone')}</th>
                <th scope="col">{t('overdue.challenge')}</th>
                <th scope="col">{t('overdue.due')}</th>
              </tr>
            </thead>
            <tbody>
              {data.overdue.map((o) => (
                <tr key={o.milestoneId}>
                  <th scope="row">
                    <span className="light light-red">
                      <span className="light-dot" aria-hidden="true" />
                    </span>{' '}
                    {o.title}
                  </th>
                  <td>
                    <Link href={routes.challenge(o.challengeId)}>
                      <span className="overdue-code">{o.code}</span> {o.challengeTitle}
                    </Link>
                  </td>
                  <td className="overdue-due">{fmt.date(o.dueDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.overdue.length < count ? <p className="muted">{t('overdue.truncated', { shown: data.overdue.length, count })}</p> : null}
        </>
      )}
    </section>
  );
}
