import { Fragment, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../../lib/api';
import { useAction } from '../../../lib/use-action';
import type { PanelProps } from '../types';
import { describedBy, Field } from './Field';
import { parseTags } from './shared';

type Name = 'title' | 'problem' | 'solution' | 'results' | 'tags';
const TAGS: Name = 'tags';
/** each field: name, rows (1 = a single line), the service's length limit */
const FIELDS: readonly [Name, number, number][] = [
  ['title', 1, 200], ['problem', 3, 10000], ['solution', 4, 10000], ['results', 3, 10000], ['tags', 1, 900],
];

/** HQ promotes an accepted, assessed challenge to a 典型案例: title, problem, solution, results, tags. */
export function PromoteForm({ detail, onCancel }: PanelProps & { onCancel: () => void }) {
  const { t } = useTranslation('work');
  const api = useApi();
  const { run, busy } = useAction();
  const base = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const { challenge } = detail;
  const latest = [...detail.assessments].sort((a, b) => (a.assessedAt < b.assessedAt ? 1 : -1))[0];
  const [values, setValues] = useState<Record<Name, string>>(() => ({
    title: challenge.title,
    problem: challenge.background,
    solution: '',
    results: latest?.note ?? '',
    tags: t(`domain:category.${challenge.category}`),
  }));
  const [tried, setTried] = useState(false);

  const tags = parseTags(values.tags);
  const errors: Partial<Record<Name, string>> = {};
  if (tried) {
    for (const name of ['title', 'problem', 'solution', 'results'] as const) {
      if (!values[name].trim()) errors[name] = t('common:required');
    }
    if (tags.length > 20 || tags.some((tag) => tag.length > 40)) errors.tags = t('case.form.errors.tags');
  }

  const submit = async () => {
    if (busy) return;
    setTried(true);
    const missing = (['title', 'problem', 'solution', 'results'] as const).some((n) => !values[n].trim());
    if (missing || tags.length > 20 || tags.some((tag) => tag.length > 40)) {
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    await run(
      () =>
        unwrap(
          api.cases.promote({
            challengeId: challenge.id,
            title: values.title.trim(),
            problem: values.problem.trim(),
            solution: values.solution.trim(),
            results: values.results.trim(),
            tags,
          }),
        ),
      t('case.form.promoted'),
    );
  };

  const field = (name: Name, rows: number, max: number, hint?: string) => {
    const id = `${base}-${name}`;
    const error = errors[name];
    const common = {
      id,
      maxLength: max,
      value: values[name],
      'aria-invalid': !!error,
      'aria-describedby': describedBy(id, !!hint, error),
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((v) => ({ ...v, [name]: e.target.value })),
    };
    return (
      <Field id={id} label={t(`case.form.${name === 'title' ? 'caseTitle' : name}`)} hint={hint} error={error}>
        {rows === 1 ? <input type="text" {...common} /> : <textarea rows={rows} {...common} />}
      </Field>
    );
  };

  return (
    <form
      ref={formRef}
      className="work-form no-print"
      aria-labelledby={`${base}-heading`}
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
      <h3 id={`${base}-heading`}>{t('case.form.title')}</h3>
      {FIELDS.map(([name, rows, max]) => (
        <Fragment key={name}>{field(name, rows, max, name === TAGS ? t('case.form.tagsHint') : undefined)}</Fragment>
      ))}
      <div className="wk-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('case.form.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}
