import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Light, ProgressBar, StatusBadge } from '../../components/Badges';
import { useFormat } from '../../i18n/format';
import { unwrap, useApi } from '../../lib/api';
import { routes } from '../../lib/routes';
import { isHq, useSession } from '../../lib/session';
import { useAction } from '../../lib/use-action';
import type { Site } from './model';
import { CLOSED_STATUSES } from './model';
import type { ChallengeDetail } from './types';

const CATEGORIES = ['tech_breakthrough', 'process', 'market', 'green', 'safety', 'urgent'] as const;
const TEAM_MODES = ['solo', 'joint', 'horse_race'] as const;
const KPI_PARTS = ['name', 'baseline', 'target', 'unit'] as const;

/** 子榜: the parts of this challenge, each with its status, light and progress; HQ adds new ones. */
export function ChildrenSection({ detail, sites }: { detail: ChallengeDetail; sites: Site[] }) {
  const { t } = useTranslation('challenge');
  const f = useFormat();
  const session = useSession((s) => s.session);
  const hq = isHq(session);
  const [adding, setAdding] = useState(false);
  const { children, challenge } = detail;
  const canAdd = hq && !CLOSED_STATUSES.includes(challenge.status);
  const blocking = children.filter((c) => !['accepted', 'assessed', 'archived', 'withdrawn', 'failed', 'terminated'].includes(c.status));
  return (
    <section id="sec-children" className="panel challenge-section" tabIndex={-1} aria-labelledby="sec-children-h">
      <div className="section-head">
        <h2 id="sec-children-h">{t('sections.children')}</h2>
        {children.length > 0 ? <span className="muted">{t('children.count', { count: children.length, open: blocking.length })}</span> : null}
        {canAdd && !adding ? (
          <button type="button" className="no-print" onClick={() => setAdding(true)}>
            {t('children.add')}
          </button>
        ) : null}
      </div>
      {children.length === 0 ? (
        <p className="muted">{canAdd ? t('children.emptyHq') : t('children.empty')}</p>
      ) : (
        <ul className="child-grid">
          {children.map((c) => (
            <li key={c.id} className={`child-card${c.overdue ? ' is-overdue' : ''}`}>
              <div className="child-top">
                <span className="challenge-code">{c.code}</span>
                <StatusBadge kind="challengeStatus" status={c.status} />
                {c.overdue ? <span className="challenge-overdue">{t('children.overdue')}</span> : null}
              </div>
              <Link href={routes.challenge(c.id)} className="child-title">
                {c.title}
              </Link>
              <p className="child-meta">
                {c.leaderName ?? t('header.noLeader')}
                <span className="meta-sep" aria-hidden="true">
                  ·
                </span>
                {t('children.deadline', { date: f.date(c.deadline) })}
              </p>
              <div className="child-bottom">
                <Light light={c.light} />
                <ProgressBar value={c.progress} label={t('header.progressLabel', { code: c.code })} />
                <span className="challenge-percent">{f.percent(c.progress)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {adding ? <NewChildForm detail={detail} sites={sites} onDone={() => setAdding(false)} /> : null}
    </section>
  );
}

interface KpiRow {
  key: number;
  name: string;
  baseline: string;
  target: string;
  unit: string;
}

function NewChildForm({ detail, sites, onDone }: { detail: ChallengeDetail; sites: Site[]; onDone: () => void }) {
  const { t } = useTranslation('challenge');
  const api = useApi();
  const { run, busy } = useAction();
  const parent = detail.challenge;
  const [title, setTitle] = useState('');
  const [code, setCode] = useState('');
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>(parent.category);
  const [teamMode, setTeamMode] = useState<(typeof TEAM_MODES)[number]>('solo');
  const [deadline, setDeadline] = useState(parent.deadline);
  const [siteId, setSiteId] = useState(parent.siteId ?? '');
  const [required, setRequired] = useState(true);
  const [background, setBackground] = useState('');
  const [criteria, setCriteria] = useState('');
  const nextKey = useRef(1);
  const [kpis, setKpis] = useState<KpiRow[]>([]);
  const [touched, setTouched] = useState(false);
  const id = useId();
  const field = (name: string) => `${id}-${name}`;

  const titleMissing = title.trim().length === 0;
  const deadlineMissing = !/^\d{4}-\d{2}-\d{2}$/.test(deadline);
  const kpiIncomplete = kpis.some((k) => !k.name.trim() || !k.target.trim());
  const afterParent = !deadlineMissing && deadline > parent.deadline;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (titleMissing || deadlineMissing || kpiIncomplete) return;
    const ok = await run(
      () =>
        unwrap(
          api.challenges.create({
            boardId: detail.board.id,
            parentId: parent.id,
            code: code.trim(),
            title: title.trim(),
            category,
            teamMode,
            deadline,
            siteId: siteId || null,
            required,
            background: background.trim(),
            acceptanceCriteria: criteria.trim(),
            kpis: kpis.map((k) => ({ name: k.name.trim(), baseline: k.baseline.trim(), target: k.target.trim(), unit: k.unit.trim() })),
          }),
        ),
      t('children.created', { title: title.trim() }),
    );
    if (ok) onDone();
  };

  const setKpi = (key: number, patch: Partial<KpiRow>) => setKpis((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <form className="child-form no-print" onSubmit={(e) => void submit(e)} aria-labelledby={field('title-h')} noValidate>
      <h3 id={field('title-h')}>{t('children.formTitle', { code: parent.code })}</h3>
      <div className="form-grid">
        <div className="field form-wide">
          <label htmlFor={field('title')}>{t('children.title')}</label>
          <input id={field('title')} value={title} maxLength={200} autoFocus aria-invalid={touched && titleMissing} onChange={(e) => setTitle(e.target.value)} />
          {touched && titleMissing ? (
            <p className="field-error" role="alert">
              {t('children.titleRequired')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={field('code')}>{t('children.code')}</label>
          <input id={field('code')} value={code} maxLength={40} placeholder={t('children.codeAuto', { code: `${parent.code}-${detail.children.length + 1}` })} onChange={(e) => setCode(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={field('category')}>{t('children.category')}</label>
          <select id={field('category')} value={category} onChange={(e) => setCategory(e.target.value as (typeof CATEGORIES)[number])}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`domain:category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={field('mode')}>{t('children.teamMode')}</label>
          <select id={field('mode')} value={teamMode} onChange={(e) => setTeamMode(e.target.value as (typeof TEAM_MODES)[number])}>
            {TEAM_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`domain:teamMode.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={field('deadline')}>{t('children.deadlineLabel')}</label>
          <input id={field('deadline')} type="date" value={deadline} aria-invalid={touched && deadlineMissing} onChange={(e) => setDeadline(e.target.value)} />
          {touched && deadlineMissing ? (
            <p className="field-error" role="alert">
              {t('children.deadlineRequired')}
            </p>
          ) : null}
          {afterParent ? <p className="field-hint field-warn">{t('children.afterParent')}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={field('site')}>{t('children.site')}</label>
          <select id={field('site')} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            <option value="">{t('children.siteLater')}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-check">
          <label>
            <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} /> {t('children.required')}
          </label>
          <span className="field-hint">{t('children.requiredHint')}</span>
        </div>
        <div className="field form-wide">
          <label htmlFor={field('background')}>{t('fields.background')}</label>
          <textarea id={field('background')} rows={3} maxLength={10000} value={background} onChange={(e) => setBackground(e.target.value)} />
        </div>
        <div className="field form-wide">
          <label htmlFor={field('criteria')}>{t('fields.acceptanceCriteria')}</label>
          <textarea id={field('criteria')} rows={2} maxLength={5000} value={criteria} onChange={(e) => setCriteria(e.target.value)} />
        </div>
      </div>
      <fieldset className="kpi-editor">
        <legend>{t('sections.kpis')}</legend>
        {kpis.length === 0 ? <p className="muted">{t('children.kpisEmpty')}</p> : null}
        {kpis.map((k, index) => (
          <div key={k.key} className="kpi-row">
            {KPI_PARTS.map((part) => (
              <input
                key={part}
                value={k[part]}
                maxLength={part === 'name' ? 200 : part === 'unit' ? 40 : 100}
                aria-label={t(`children.kpi.${part}`, { n: index + 1 })}
                placeholder={t(`kpis.${part}`)}
                aria-invalid={touched && (part === 'name' || part === 'target') && !k[part].trim()}
                onChange={(e) => setKpi(k.key, { [part]: e.target.value })}
              />
            ))}
            <button type="button" aria-label={t('children.kpi.remove', { n: index + 1 })} onClick={() => setKpis((rows) => rows.filter((r) => r.key !== k.key))}>
              {t('claimForm.remove')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setKpis((rows) => [...rows, { key: nextKey.current++, name: '', baseline: '', target: '', unit: '' }])}>
          {t('children.kpi.add')}
        </button>
        {touched && kpiIncomplete ? (
          <p className="field-error" role="alert">
            {t('children.kpi.incomplete')}
          </p>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t('common:cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('children.create')}
        </button>
      </div>
    </form>
  );
}
