import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../../lib/api';
import { useAction } from '../../../lib/use-action';
import type { PanelProps } from '../types';
import { describedBy, Field } from './Field';
import { suggestedGrade } from './shared';

const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
const OUTCOMES = ['fulfilled', 'partially_fulfilled', 'unfulfilled_excused', 'unfulfilled'] as const;
type Grade = (typeof GRADES)[number];
type Outcome = (typeof OUTCOMES)[number];

function parseScore(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 0 && n <= 100 ? n : null;
}

/** HQ's 考核: score, grade (suggested by the score), the pledge's outcome, rewards and penalties applied, a note. */
export function AssessForm({ detail }: PanelProps) {
  const { t } = useTranslation('work');
  const api = useApi();
  const { run, busy } = useAction();
  const base = useId();
  const accepted = detail.challenge.status === 'accepted';
  const pledge = [...detail.pledges].reverse().find((p) => p.status === 'active' || p.status === 'signed') ?? null;
  const [score, setScore] = useState('');
  const [grade, setGrade] = useState<Grade | ''>('');
  const [gradeTouched, setGradeTouched] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(accepted ? 'fulfilled' : 'unfulfilled');
  const [rewards, setRewards] = useState('');
  const [penalties, setPenalties] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);

  const parsed = parseScore(score);
  const scoreError = tried && parsed === null ? t('assessment.form.errors.score') : null;
  const shownGrade: Grade | '' = gradeTouched ? grade : parsed === null ? '' : suggestedGrade(parsed);

  const submit = async () => {
    if (busy) return;
    setTried(true);
    if (parsed === null) {
      document.getElementById(`${base}-score`)?.focus();
      return;
    }
    await run(
      () =>
        unwrap(
          api.assessments.assess({
            challengeId: detail.challenge.id,
            score: parsed,
            grade: shownGrade || suggestedGrade(parsed),
            pledgeOutcome: outcome,
            rewardsApplied: rewards.trim(),
            penaltiesApplied: penalties.trim(),
            note: note.trim(),
          }),
        ),
      t('assessment.form.assessed'),
    );
  };

  const agreed = (label: string, items: readonly string[]) =>
    items.length > 0 ? (
      <div className="wk-agreed">
        <p className="wk-agreed-title">{label}</p>
        <ul>
          {items.map((item, i) => (
            <li key={`${i}-${item}`}>{item}</li>
          ))}
        </ul>
      </div>
    ) : null;

  return (
    <form
      className="work-form no-print"
      aria-labelledby={`${base}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <h3 id={`${base}-title`}>{t('assessment.form.title')}</h3>
      <div className="wk-form-row wk-form-row-3">
        <Field id={`${base}-score`} label={t('assessment.form.score')} error={scoreError}>
          <input
            id={`${base}-score`}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step={0.5}
            required
            value={score}
            aria-invalid={!!scoreError}
            aria-describedby={describedBy(`${base}-score`, false, scoreError)}
            onChange={(e) => setScore(e.target.value)}
          />
        </Field>
        <Field id={`${base}-grade`} label={t('assessment.form.grade')} hint={t('assessment.form.gradeHint')}>
          <select
            id={`${base}-grade`}
            value={shownGrade}
            aria-describedby={`${base}-grade-hint`}
            onChange={(e) => {
              setGradeTouched(true);
              setGrade(e.target.value as Grade | '');
            }}
          >
            <option value="">{t('assessment.form.gradeFromScore')}</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {t(`domain:grade.${g}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${base}-outcome`} label={t('assessment.form.outcome')}>
          <select id={`${base}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`domain:pledgeOutcome.${o}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {pledge ? (
        <div className="wk-agreed-list">
          {agreed(t('assessment.form.agreedRewards'), pledge.rewards)}
          {agreed(t('assessment.form.agreedPenalties'), pledge.penalties)}
          {agreed(t('assessment.form.exemptions'), pledge.exemptions)}
        </div>
      ) : null}
      <div className="wk-form-row">
        <Field id={`${base}-rewards`} label={t('assessment.form.rewardsApplied')}>
          <textarea id={`${base}-rewards`} rows={2} maxLength={5000} value={rewards} onChange={(e) => setRewards(e.target.value)} />
        </Field>
        <Field id={`${base}-penalties`} label={t('assessment.form.penaltiesApplied')}>
          <textarea id={`${base}-penalties`} rows={2} maxLength={5000} value={penalties} onChange={(e) => setPenalties(e.target.value)} />
        </Field>
      </div>
      <Field id={`${base}-note`} label={t('assessment.form.note')}>
        <textarea id={`${base}-note`} rows={3} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div className="wk-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('assessment.form.submit')}
        </button>
      </div>
    </form>
  );
}
