import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Formatters } from '../../i18n/format';
import { useFormat } from '../../i18n/format';
import type { Comparable, ItemChange, Segment } from './diff';
import { compareVersions } from './diff';
import type { PledgeView } from './model';
import { targetWithUnit } from './model';

/** A long unchanged stretch of the text is shortened to its ends, so the changes stand out. */
const ELIDE_OVER = 160;
const KEEP = 60;

function comparable(view: PledgeView, t: TFunction, f: Formatters, names: Readonly<Record<string, string>>): Comparable {
  const { pledge } = view;
  const name = (id: string) => view.parties[id]?.name ?? names[id] ?? id;
  const party = (role: string, id: string) => t('diff.partyLine', { role: t(`domain:partyRole.${role}`), name: name(id) });
  return {
    number: pledge.number,
    title: pledge.title,
    deadline: f.date(pledge.deadline),
    text: pledge.text,
    parties: [
      party('pledger', pledge.pledgerId),
      party('issuer', pledge.issuerId),
      ...(pledge.supervisorId ? [party('supervisor', pledge.supervisorId)] : []),
      ...pledge.witnessIds.map((w) => party('witness', w)),
    ],
    commitments: pledge.commitments.map((c) => t('doc.commitment', { kpi: c.kpi, target: targetWithUnit(c.target, c.unit) })),
    milestones: [...view.milestones]
      .sort((a, b) => a.seq - b.seq)
      .map((m) =>
        [
          t('doc.milestone', { title: m.title, date: f.date(m.dueDate) }),
          m.deliverable ? t('doc.deliverable', { text: m.deliverable }) : '',
          m.evidenceRequired ? t('doc.evidence', { text: m.evidenceRequired }) : '',
        ].filter(Boolean).join(t('diff.fieldJoiner')),
      ),
    rewards: [...pledge.rewards],
    penalties: [...pledge.penalties],
    exemptions: [...pledge.exemptions],
  };
}

/** Inserted and deleted text: coloured, struck or underlined, and with words that say so. */
export function Segments({ segments, elide = false }: { segments: readonly Segment[]; elide?: boolean }) {
  const { t } = useTranslation('pledge');
  return (
    <>
      {segments.map((s, i) => {
        if (s.kind === 'ins') {
          return (
            <ins key={i} className="diff-ins">
              <span className="diff-mark">{t('diff.insOpen')}</span>
              {s.text}
              <span className="diff-mark">{t('diff.close')}</span>
            </ins>
          );
        }
        if (s.kind === 'del') {
          return (
            <del key={i} className="diff-del">
              <span className="diff-mark">{t('diff.delOpen')}</span>
              {s.text}
              <span className="diff-mark">{t('diff.close')}</span>
            </del>
          );
        }
        const chars = [...s.text];
        if (elide && chars.length > ELIDE_OVER) {
          const first = i === 0;
          const last = i === segments.length - 1;
          const head = first ? '' : chars.slice(0, KEEP).join('');
          const tail = last ? '' : chars.slice(-KEEP).join('');
          const hidden = chars.length - [...head].length - [...tail].length;
          return (
            <span key={i} className="diff-same">
              {head}
              <span className="diff-elided">{t('diff.elided', { count: hidden })}</span>
              {tail}
            </span>
          );
        }
        return (
          <span key={i} className="diff-same">
            {s.text}
          </span>
        );
      })}
    </>
  );
}

function Item({ item }: { item: ItemChange }) {
  const { t } = useTranslation('pledge');
  switch (item.kind) {
    case 'same':
      return <li className="diff-item diff-item-same">{item.text}</li>;
    case 'added':
      return (
        <li className="diff-item diff-item-added">
          <ins className="diff-ins">
            <span className="diff-mark">{t('diff.addedItem')}</span>
            {item.text}
          </ins>
        </li>
      );
    case 'removed':
      return (
        <li className="diff-item diff-item-removed">
          <del className="diff-del">
            <span className="diff-mark">{t('diff.removedItem')}</span>
            {item.text}
          </del>
        </li>
      );
    case 'changed':
      return (
        <li className="diff-item diff-item-changed">
          <span className="diff-mark diff-mark-changed">{t('diff.changedItem')}</span>
          <Segments segments={item.segments} />
        </li>
      );
  }
}

/** This version against the one it amends: what changed, section by section; the unchanged sections named. */
export function PledgeDiff({ view, previous, names }: { view: PledgeView; previous: PledgeView; names: Readonly<Record<string, string>> }) {
  const { t } = useTranslation('pledge');
  const f = useFormat();
  const sections = useMemo(
    () => compareVersions(comparable(previous, t, f, names), comparable(view, t, f, names)),
    [previous, view, t, f, names],
  );
  const changed = sections.filter((s) => s.changed);
  const unchanged = sections.filter((s) => !s.changed);
  return (
    <section className="panel pledge-diff no-print" aria-labelledby="pledge-diff-h">
      <h2 id="pledge-diff-h">{t('diff.title', { from: previous.pledge.version, to: view.pledge.version })}</h2>
      {view.pledge.amendmentReason ? <p className="diff-reason">{t('diff.reason', { reason: view.pledge.amendmentReason })}</p> : null}
      <p className="diff-legend">
        <span>{t('diff.legend')}</span>
        <ins className="diff-ins">
          <span className="diff-mark">{t('diff.insOpen')}</span>
          {t('diff.legendIns')}
          <span className="diff-mark">{t('diff.close')}</span>
        </ins>
        <del className="diff-del">
          <span className="diff-mark">{t('diff.delOpen')}</span>
          {t('diff.legendDel')}
          <span className="diff-mark">{t('diff.close')}</span>
        </del>
      </p>
      {changed.length === 0 ? (
        <p className="muted">{t('diff.noChanges')}</p>
      ) : (
        <>
          <p className="diff-summary">{t('diff.summary', { count: changed.length })}</p>
          {changed.map((s) => (
            <section key={s.field} className="diff-section" aria-labelledby={`diff-${s.field}`}>
              <h3 id={`diff-${s.field}`}>{t(`diff.fields.${s.field}`)}</h3>
              {s.kind === 'single' ? (
                <p className={s.field === 'text' ? 'diff-text' : 'diff-line'}>
                  <Segments segments={s.segments} elide={s.field === 'text'} />
                </p>
              ) : (
                <ul className="diff-items">
                  {s.items.map((item, i) => (
                    <Item key={i} item={item} />
                  ))}
                </ul>
              )}
            </section>
          ))}
        </>
      )}
      {unchanged.length > 0 ? (
        <p className="diff-unchanged muted">
          {t('diff.unchanged', { fields: unchanged.map((s) => t(`diff.fields.${s.field}`)).join(t('listJoiner')) })}
        </p>
      ) : null}
    </section>
  );
}
