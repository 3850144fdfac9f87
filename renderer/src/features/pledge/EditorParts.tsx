import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitmentRow, Errors, FieldError, ListName, MilestoneRow, TextRow } from './form';
import { LIMITS, emptyMilestone, rowKey } from './form';
import type { Person, Site } from './model';

/** The pieces of the 军令状 editor: labelled fields with inline errors, people pickers, editable lists. */

const WITNESSES = 'witnessIds';
const MILESTONE_FIELDS = ['title', 'dueDate', 'deliverable', 'evidenceRequired'] as const;

export const fieldId = (path: string): string => `pf-${path.replace(/\./g, '-')}`;

export function useErrorText() {
  const { t } = useTranslation('pledge');
  return (e: FieldError | undefined): string | null => (e ? (e.values ? t(e.key, e.values) : t(e.key)) : null);
}

/** aria attributes that tie a control to its hint and error. */
export function describe(path: string, error: string | null, hint = false) {
  const ids = [hint ? `${fieldId(path)}-hint` : '', error ? `${fieldId(path)}-error` : ''].filter(Boolean);
  return { id: fieldId(path), 'aria-invalid': error ? true : undefined, 'aria-describedby': ids.length ? ids.join(' ') : undefined };
}

export function ErrorLine({ path, error }: { path: string; error: string | null }) {
  if (!error) return null;
  return (
    <p className="field-error" id={`${fieldId(path)}-error`}>
      {error}
    </p>
  );
}

export function FieldBox({
  path, label, hint, error, className, children,
}: {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | null;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {children}
      {hint ? (
        <p className="field-hint" id={`${fieldId(path)}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorLine path={path} error={error} />
    </div>
  );
}

/** People grouped by their site (HQ first), each with their post. */
function PeopleOptions({ people, sites, exclude = [] }: { people: readonly Person[]; sites: ReadonlyMap<string, Site>; exclude?: readonly string[] }) {
  const { t } = useTranslation('pledge');
  const groups = new Map<string, Person[]>();
  for (const p of people) {
    if (exclude.includes(p.id)) continue;
    const list = groups.get(p.siteId) ?? [];
    list.push(p);
    groups.set(p.siteId, list);
  }
  const order = [...groups.keys()].sort((a, b) => {
    const sa = sites.get(a);
    const sb = sites.get(b);
    if ((sa?.kind === 'hq') !== (sb?.kind === 'hq')) return sa?.kind === 'hq' ? -1 : 1;
    return (sa?.code ?? a).localeCompare(sb?.code ?? b);
  });
  return (
    <>
      {order.map((siteId) => (
        <optgroup key={siteId} label={sites.get(siteId)?.name ?? siteId}>
          {(groups.get(siteId) ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.post ? t('people.option', { name: p.name, post: p.post }) : p.name}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

export function PersonSelect({
  path, value, onChange, people, sites, placeholder, error, hint = false,
}: {
  path: string;
  value: string;
  onChange: (id: string) => void;
  people: readonly Person[];
  sites: ReadonlyMap<string, Site>;
  /** the empty choice's words (none, or "choose…") */
  placeholder: string;
  error: string | null;
  hint?: boolean;
}) {
  return (
    <select {...describe(path, error, hint)} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{placeholder}</option>
      <PeopleOptions people={people} sites={sites} />
    </select>
  );
}

export function WitnessPicker({
  value, onChange, people, sites, names, error,
}: {
  value: readonly string[];
  onChange: (ids: string[]) => void;
  people: readonly Person[];
  sites: ReadonlyMap<string, Site>;
  names: (id: string) => string;
  error: string | null;
}) {
  const { t } = useTranslation('pledge');
  const [choice, setChoice] = useState('');
  const control = describe(WITNESSES, error, true);
  const full = value.length >= LIMITS.witnesses;
  const add = () => {
    if (!choice || value.includes(choice) || full) return;
    onChange([...value, choice]);
    setChoice('');
  };
  return (
    <div className="field witness-field">
      <label htmlFor={fieldId('witnessIds')}>{t('editor.witnesses')}</label>
      <div className="witness-add">
        <select {...control} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('editor.chooseWitness')}</option>
          <PeopleOptions people={people} sites={sites} exclude={value} />
        </select>
        <button type="button" onClick={add} disabled={!choice || full}>
          {t('editor.addWitness')}
        </button>
      </div>
      <p className="field-hint" id={`${fieldId('witnessIds')}-hint`}>
        {t('editor.witnessHint', { max: LIMITS.witnesses })}
      </p>
      {value.length ? (
        <ul className="chip-list" aria-label={t('editor.witnessList')}>
          {value.map((id) => (
            <li key={id} className="chip">
              <span>{names(id)}</span>
              <button type="button" className="chip-remove" aria-label={t('editor.removeWitness', { name: names(id) })} onClick={() => onChange(value.filter((w) => w !== id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorLine path="witnessIds" error={error} />
    </div>
  );
}

export function CommitmentsEditor({
  rows, onChange, errors,
}: {
  rows: readonly CommitmentRow[];
  onChange: (rows: CommitmentRow[]) => void;
  errors: Errors;
}) {
  const { t } = useTranslation('pledge');
  const text = useErrorText();
  const set = (i: number, patch: Partial<CommitmentRow>) => onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const listError = text(errors.commitments);
  return (
    <fieldset id={fieldId('commitments')} tabIndex={-1} className="editor-section" aria-describedby={listError ? `${fieldId('commitments')}-error` : undefined}>
      <legend>{t('editor.commitments')}</legend>
      <p className="field-hint">{t('editor.commitmentsHint')}</p>
      {rows.length ? (
        <div className="commitment-grid">
          <div className="commitment-head" aria-hidden="true">
            <span>{t('editor.kpi')}</span>
            <span>{t('editor.target')}</span>
            <span>{t('editor.unit')}</span>
            <span />
          </div>
          {rows.map((r, i) => {
            const eKpi = text(errors[`commitments.${i}.kpi`]);
            const eTarget = text(errors[`commitments.${i}.target`]);
            const eUnit = text(errors[`commitments.${i}.unit`]);
            return (
              <div key={r.key} className="commitment-row" role="group" aria-label={t('editor.commitmentN', { n: i + 1 })}>
                <div>
                  <input {...describe(`commitments.${i}.kpi`, eKpi)} aria-label={t('editor.kpiN', { n: i + 1 })} value={r.kpi} maxLength={LIMITS.kpi} onChange={(e) => set(i, { kpi: e.target.value })} />
                  <ErrorLine path={`commitments.${i}.kpi`} error={eKpi} />
                </div>
                <div>
                  <input {...describe(`commitments.${i}.target`, eTarget)} aria-label={t('editor.targetN', { n: i + 1 })} value={r.target} maxLength={LIMITS.target} onChange={(e) => set(i, { target: e.target.value })} />
                  <ErrorLine path={`commitments.${i}.target`} error={eTarget} />
                </div>
                <div>
                  <input {...describe(`commitments.${i}.unit`, eUnit)} aria-label={t('editor.unitN', { n: i + 1 })} value={r.unit} maxLength={LIMITS.unit} onChange={(e) => set(i, { unit: e.target.value })} />
                  <ErrorLine path={`commitments.${i}.unit`} error={eUnit} />
                </div>
                <button type="button" className="row-remove" aria-label={t('editor.removeCommitment', { n: i + 1 })} onClick={() => onChange(rows.filter((_, k) => k !== i))}>
                  {t('editor.remove')}
                </button>
              </div>
            );
          })}
        </div>
      ) : (
        <p className="muted">{t('editor.noCommitments')}</p>
      )}
      <ErrorLine path="commitments" error={listError} />
      <button type="button" disabled={rows.length >= LIMITS.commitments} onClick={() => onChange([...rows, { key: rowKey(), kpi: '', target: '', unit: '' }])}>
        {t('editor.addCommitment')}
      </button>
    </fieldset>
  );
}

export function MilestonesEditor({
  rows, onChange, errors, savedCount, pinned,
}: {
  rows: readonly MilestoneRow[];
  onChange: (rows: MilestoneRow[]) => void;
  errors: Errors;
  /** milestones already saved with the draft (they keep their places) */
  savedCount: number;
  /** saved milestones cannot move at all (an amendment, or one already under way) */
  pinned: boolean;
}) {
  const { t } = useTranslation('pledge');
  const text = useErrorText();
  const set = (i: number, patch: Partial<MilestoneRow>) => onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const movable = (i: number) => !pinned || i >= savedCount;
  const canMove = (i: number, to: number) => to >= 0 && to < rows.length && movable(i) && movable(to);
  const canRemove = (i: number) => (pinned ? i >= savedCount : rows.length > savedCount || (rows[i]?.id ?? null) === null);
  const move = (i: number, to: number) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    if (row) next.splice(to, 0, row);
    onChange(next);
    // keep the keyboard where the person is: on the same button of the moved milestone
    requestAnimationFrame(() => document.getElementById(`${fieldId(`milestones.${to}`)}-${to < i ? 'up' : 'down'}`)?.focus());
  };
  const listError = text(errors.milestones);
  return (
    <fieldset id={fieldId('milestones')} tabIndex={-1} className="editor-section">
      <legend>{t('editor.milestones')}</legend>
      <p className="field-hint">
        {savedCount > 0 ? (pinned ? t('editor.milestonesPinned') : t('editor.milestonesSaved', { count: savedCount })) : t('editor.milestonesHint')}
      </p>
      {rows.length === 0 ? <p className="muted">{t('editor.noMilestones')}</p> : null}
      <ol className="milestone-rows">
        {rows.map((m, i) => {
          const [pTitle, pDue, pDeliverable, pEvidence] = MILESTONE_FIELDS.map((f) => `milestones.${i}.${f}`) as [string, string, string, string];
          const [eTitle, eDue, eDeliverable, eEvidence] = [pTitle, pDue, pDeliverable, pEvidence].map((p) => text(errors[p]));
          return (
            <li key={m.key} className="milestone-row">
              <fieldset>
                <legend>{t('editor.milestoneN', { n: i + 1 })}</legend>
                <div className="milestone-fields">
                  <FieldBox path={pTitle} label={t('editor.milestoneTitle')} error={eTitle ?? null} className="wide">
                    <input {...describe(pTitle, eTitle ?? null)} value={m.title} maxLength={LIMITS.milestoneTitle} onChange={(ev) => set(i, { title: ev.target.value })} />
                  </FieldBox>
                  <FieldBox path={pDue} label={t('editor.dueDate')} error={eDue ?? null}>
                    <input {...describe(pDue, eDue ?? null)} type="date" value={m.dueDate} onChange={(ev) => set(i, { dueDate: ev.target.value })} />
                  </FieldBox>
                  <FieldBox path={pDeliverable} label={t('editor.deliverable')} error={eDeliverable ?? null}>
                    <textarea {...describe(pDeliverable, eDeliverable ?? null)} rows={2} value={m.deliverable} maxLength={LIMITS.deliverable} onChange={(ev) => set(i, { deliverable: ev.target.value })} />
                  </FieldBox>
                  <FieldBox path={pEvidence} label={t('editor.evidence')} error={eEvidence ?? null}>
                    <textarea {...describe(pEvidence, eEvidence ?? null)} rows={2} value={m.evidenceRequired} maxLength={LIMITS.evidence} onChange={(ev) => set(i, { evidenceRequired: ev.target.value })} />
                  </FieldBox>
                </div>
                <div className="row-tools">
                  <button type="button" id={`${fieldId(`milestones.${i}`)}-up`} aria-label={t('editor.moveUp', { n: i + 1 })} disabled={!canMove(i, i - 1)} onClick={() => move(i, i - 1)}>
                    {t('editor.up')}
                  </button>
                  <button type="button" id={`${fieldId(`milestones.${i}`)}-down`} aria-label={t('editor.moveDown', { n: i + 1 })} disabled={!canMove(i, i + 1)} onClick={() => move(i, i + 1)}>
                    {t('editor.down')}
                  </button>
                  <button type="button" className="row-remove" aria-label={t('editor.removeMilestone', { n: i + 1 })} disabled={!canRemove(i)} onClick={() => onChange(rows.filter((_, k) => k !== i))}>
                    {t('editor.remove')}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <ErrorLine path="milestones" error={listError} />
      <button type="button" disabled={rows.length >= LIMITS.milestones} onClick={() => onChange([...rows, emptyMilestone()])}>
        {t('editor.addMilestone')}
      </button>
    </fieldset>
  );
}

export function ClauseList({
  name, rows, onChange, errors,
}: {
  name: ListName;
  rows: readonly TextRow[];
  onChange: (rows: TextRow[]) => void;
  errors: Errors;
}) {
  const { t } = useTranslation('pledge');
  const text = useErrorText();
  const listError = text(errors[name]);
  return (
    <fieldset id={fieldId(name)} tabIndex={-1} className="editor-section clause-list">
      <legend>{t(`editor.${name}`)}</legend>
      <p className="field-hint">{t(`editor.${name}Hint`)}</p>
      {rows.length === 0 ? <p className="muted">{t('editor.noClauses')}</p> : null}
      <ol className="clause-rows">
        {rows.map((r, i) => {
          const path = `${name}.${i}`;
          const error = text(errors[path]);
          return (
            <li key={r.key} className="clause-row">
              <div className="clause-input">
                <textarea
                  {...describe(path, error)}
                  aria-label={t(`editor.${name}N`, { n: i + 1 })}
                  rows={2}
                  value={r.text}
                  maxLength={LIMITS.clause}
                  onChange={(e) => onChange(rows.map((x, k) => (k === i ? { ...x, text: e.target.value } : x)))}
                />
                <ErrorLine path={path} error={error} />
              </div>
              <button type="button" className="row-remove" aria-label={t(`editor.remove${name}`, { n: i + 1 })} onClick={() => onChange(rows.filter((_, k) => k !== i))}>
                {t('editor.remove')}
              </button>
            </li>
          );
        })}
      </ol>
      <ErrorLine path={name} error={listError} />
      <button type="button" disabled={rows.length >= LIMITS.clauses} onClick={() => onChange([...rows, { key: rowKey(), text: '' }])}>
        {t(`editor.add${name}`)}
      </button>
    </fieldset>
  );
}
