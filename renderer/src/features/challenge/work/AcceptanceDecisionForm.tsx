import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, unwrap, useApi } from '../../../lib/api';
import { useAction } from '../../../lib/use-action';
import type { PanelProps } from '../types';
import { describedBy, Field } from './Field';
import { parseCriteria } from './shared';

const DECISIONS = ['passed', 'rework', 'failed'] as const;
type Decision = (typeof DECISIONS)[number];

interface Row {
  key: number;
  criterion: string;
  met: '' | 'yes' | 'no';
  note: string;
}

let rowKey = 0;
const makeRow = (criterion = ''): Row => ({ key: rowKey++, criterion, met: '', note: '' });

interface Errors {
  decision?: string;
  note?: string;
  rows: Record<number, { criterion?: string; met?: string }>;
}

/**
 * HQ's acceptance decision: 通过 / 整改 / 不通过, a result for each acceptance criterion (taken from the
 * challenge's criteria, editable) and the acceptor's note. A refusal (e.g. the 子榜 rule) is shown here.
 */
export function AcceptanceDecisionForm({ detail }: PanelProps) {
  const { t, i18n } = useTranslation('work');
  const api = useApi();
  const { run, busy } = useAction();
  const base = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [rows, setRows] = useState<Row[]>(() => parseCriteria(detail.challenge.acceptanceCriteria).map((c) => makeRow(c)));
  const [decision, setDecision] = useState<Decision | ''>('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const hasFamily = detail.children.length > 0;

  const validate = (): Errors => {
    const errors: Errors = { rows: {} };
    if (!decision) errors.decision = t('acceptance.form.errors.decision');
    if ((decision === 'rework' || decision === 'failed') && !note.trim()) errors.note = t('acceptance.form.noteRequired');
    for (const row of rows) {
      const e: { criterion?: string; met?: string } = {};
      if (!row.criterion.trim()) e.criterion = t('acceptance.form.errors.criterion');
      if (!row.met) e.met = t('acceptance.form.errors.result');
      if (e.criterion || e.met) errors.rows[row.key] = e;
    }
    return errors;
  };
  const errors: Errors = tried ? validate() : { rows: {} };
  const update = (key: number, patch: Partial<Row>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async () => {
    if (busy) return;
    setTried(true);
    const found = validate();
    if (found.decision || found.note || Object.keys(found.rows).length > 0) {
      // the first field with an error takes the focus
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setRefusal(null);
    await run(async () => {
      try {
        await unwrap(
          api.acceptance.decide({
            challengeId: detail.challenge.id,
            decision: decision as Decision,
            criteriaResults: rows.map((r) => ({ criterion: r.criterion.trim(), met: r.met === 'yes', note: r.note.trim() })),
            note: note.trim(),
          }),
        );
      } catch (err) {
        setRefusal(errorText(err, i18n.language));
        throw err;
      }
    }, t('acceptance.form.decided'));
  };

  const decisionError = errors.decision;
  return (
    <form
      ref={formRef}
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
      <h3 id={`${base}-title`}>{t('acceptance.form.title')}</h3>
      <fieldset className="wk-choice-group" aria-describedby={decisionError ? `${base}-decision-error` : undefined}>
        <legend>{t('acceptance.form.decision')}</legend>
        {DECISIONS.map((d) => (
          <label key={d} className={`wk-choice choice-${d}`}>
            <input
              type="radio"
              name={`${base}-decision`}
              value={d}
              checked={decision === d}
              aria-invalid={!!decisionError}
              onChange={() => {
                setDecision(d);
                setRefusal(null);
              }}
            />
            {t(`domain:acceptanceDecision.${d}`)}
          </label>
        ))}
        {decisionError ? (
          <p className="field-error" id={`${base}-decision-error`} role="alert">
            {decisionError}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="wk-criteria-group">
        <legend>{t('acceptance.form.criteria')}</legend>
        <p className="wk-field-hint">{rows.length > 0 ? t('acceptance.form.criteriaHint') : t('acceptance.form.noCriteria')}</p>
        {rows.length > 0 ? (
          <ol className="wk-criteria-rows">
            {rows.map((row, index) => {
              const n = index + 1;
              const e = errors.rows[row.key] ?? {};
              const id = `${base}-c${row.key}`;
              return (
                <li key={row.key} className="wk-criteria-row">
                  <span className="wk-criteria-n" aria-hidden="true">
                    {n}.
                  </span>
                  <div className="wk-criteria-cell criteria-text">
                    <input
                      id={`${id}-text`}
                      type="text"
                      maxLength={200}
                      value={row.criterion}
                      aria-label={t('acceptance.form.criterion', { n })}
                      aria-invalid={!!e.criterion}
                      aria-describedby={describedBy(`${id}-text`, false, e.criterion)}
                      onChange={(ev) => update(row.key, { criterion: ev.target.value })}
                    />
                    {e.criterion ? (
                      <p className="field-error" id={`${id}-text-error`}>
                        {e.criterion}
                      </p>
                    ) : null}
                  </div>
                  <div className="wk-criteria-cell">
                    <select
                      id={`${id}-met`}
                      value={row.met}
                      aria-label={t('acceptance.form.result', { n })}
                      aria-invalid={!!e.met}
                      aria-describedby={describedBy(`${id}-met`, false, e.met)}
                      onChange={(ev) => update(row.key, { met: ev.target.value as Row['met'] })}
                    >
                      <option value="">{t('acceptance.form.resultChoose')}</option>
                      <option value="yes">{t('acceptance.met')}</option>
                      <option value="no">{t('acceptance.notMet')}</option>
                    </select>
                    {e.met ? (
                      <p className="field-error" id={`${id}-met-error`}>
                        {e.met}
                      </p>
                    ) : null}
                  </div>
                  <div className="wk-criteria-cell criteria-note">
                    <input
                      type="text"
                      maxLength={2000}
                      value={row.note}
                      aria-label={t('acceptance.form.criterionNote', { n })}
                      onChange={(ev) => update(row.key, { note: ev.target.value })}
                    />
                  </div>
                  <button
                    type="button"
                    className="wk-icon-button"
                    aria-label={t('acceptance.form.remove', { n })}
                    title={t('acceptance.form.remove', { n })}
                    onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ol>
        ) : null}
        <button type="button" disabled={rows.length >= 50} onClick={() => setRows((list) => [...list, makeRow()])}>
          {t('acceptance.form.addCriterion')}
        </button>
      </fieldset>
      <Field id={`${base}-note`} label={t('acceptance.form.note')} error={errors.note}>
        <textarea
          id={`${base}-note`}
          rows={3}
          maxLength={5000}
          value={note}
          aria-invalid={!!errors.note}
          aria-describedby={describedBy(`${base}-note`, false, errors.note)}
          onChange={(e) => setNote(e.target.value)}
        />
      </Field>
      {refusal ? (
        <div className="work-refusal" role="alert">
          <p>{t('acceptance.form.refused', { reason: refusal })}</p>
          {hasFamily ? <p>{t('acceptance.children.rule')}</p> : null}
        </div>
      ) : null}
      <div className="wk-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('acceptance.form.submit')}
        </button>
      </div>
    </form>
  );
}
