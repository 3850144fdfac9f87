import { useId, useRef, useState } from 'react';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../../lib/api';
import { useAction } from '../../../lib/use-action';
import { describedBy, Field } from './Field';
import type { ProgressRow } from './shared';
import { isIsoDate, localToday } from './shared';

const OPTIONAL_FIELDS = ['problems', 'nextSteps', 'safetyNotes'] as const;

type FieldName = 'date' | 'percent' | 'workDone';
type Errors = Partial<Record<FieldName, string>>;

interface Values {
  date: string;
  percent: string;
  workDone: string;
  problems: string;
  nextSteps: string;
  safetyNotes: string;
}

function parsePercent(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 0 && n <= 100 ? n : null;
}

/**
 * The quick 攻关日志 form: today's date, the work done (required), the overall percent and the optional
 * problems, next steps and safety notes. A local write, so it works offline; Ctrl+Enter saves.
 */
export function ProgressForm({
  challengeId,
  defaultPercent,
  workDoneRef,
  onSaved,
  onCancel,
}: {
  challengeId: string;
  defaultPercent: number;
  workDoneRef: Ref<HTMLTextAreaElement>;
  onSaved: (entry: ProgressRow) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('work');
  const api = useApi();
  const { run, busy } = useAction();
  const base = useId();
  const ids = {
    date: `${base}-date`, percent: `${base}-percent`, workDone: `${base}-work`, problems: `${base}-problems`,
    nextSteps: `${base}-next`, safetyNotes: `${base}-safety`, title: `${base}-title`,
  };
  const blank = (): Values => ({ date: localToday(), percent: String(defaultPercent), workDone: '', problems: '', nextSteps: '', safetyNotes: '' });
  const [values, setValues] = useState<Values>(blank);
  const [tried, setTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const validate = (v: Values): Errors => {
    const errors: Errors = {};
    if (!isIsoDate(v.date)) errors.date = t('progress.errors.date');
    if (parsePercent(v.percent) === null) errors.percent = t('progress.errors.percent');
    if (!v.workDone.trim()) errors.workDone = t('progress.errors.workDone');
    return errors;
  };
  const errors = tried ? validate(values) : {};
  const set = (name: keyof Values) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));

  const submit = async () => {
    if (busy) return;
    setTried(true);
    const found = validate(values);
    const first = (['date', 'workDone', 'percent'] as const).find((k) => found[k]);
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(ids[first])}`)?.focus();
      return;
    }
    const saved: { entry?: ProgressRow } = {};
    const ok = await run(async () => {
      saved.entry = await unwrap(
        api.progress.add({
          challengeId,
          date: values.date,
          workDone: values.workDone.trim(),
          percent: parsePercent(values.percent) ?? 0,
          problems: values.problems.trim(),
          nextSteps: values.nextSteps.trim(),
          safetyNotes: values.safetyNotes.trim(),
        }),
      );
    }, t('progress.saved'));
    if (ok && saved.entry) {
      setValues({ ...blank(), percent: String(saved.entry.percent) });
      setTried(false);
      onSaved(saved.entry);
    }
  };

  return (
    <form
      ref={formRef}
      className="wk-progress-form no-print"
      aria-labelledby={ids.title}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id={ids.title}>{t('progress.formTitle')}</h3>
      <p className="work-note">{t('progress.offlineHint')}</p>
      <div className="wk-form-row wk-form-row-compact">
        <Field id={ids.date} label={t('progress.date')} error={errors.date}>
          <input
            id={ids.date}
            type="date"
            required
            value={values.date}
            onChange={set('date')}
            aria-invalid={!!errors.date}
            aria-describedby={describedBy(ids.date, false, errors.date)}
          />
        </Field>
        <Field id={ids.percent} label={t('progress.percent')} error={errors.percent}>
          <input
            id={ids.percent}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            required
            value={values.percent}
            onChange={set('percent')}
            aria-invalid={!!errors.percent}
            aria-describedby={describedBy(ids.percent, false, errors.percent)}
          />
        </Field>
      </div>
      <Field id={ids.workDone} label={t('progress.workDone')} error={errors.workDone}>
        <textarea
          id={ids.workDone}
          ref={workDoneRef}
          rows={3}
          maxLength={10000}
          required
          value={values.workDone}
          onChange={set('workDone')}
          aria-invalid={!!errors.workDone}
          aria-describedby={describedBy(ids.workDone, false, errors.workDone)}
        />
      </Field>
      <div className="wk-form-row wk-form-row-3">
        {OPTIONAL_FIELDS.map((name) => (
          <Field
            key={name}
            id={ids[name]}
            label={
              <>
                {t(`progress.${name}`)} <span className="muted">{t('progress.optional')}</span>
              </>
            }
          >
            <textarea id={ids[name]} rows={2} maxLength={5000} value={values[name]} onChange={set(name)} />
          </Field>
        ))}
      </div>
      <div className="wk-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('progress.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
        <span className="muted wk-form-hint">{t('progress.submitHint')}</span>
      </div>
    </form>
  );
}
