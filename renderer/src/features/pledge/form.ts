import type { TFunction } from 'i18next';
import type { Input } from '../../../../main/contract/index';
import { formattersFor } from '../../i18n/format';
import type { ChallengeDetail, Person, PledgeMilestone, PledgeView, Site } from './model';
import { isIsoDate, localToday, targetWithUnit } from './model';

/** The 军令状 editor's values, its checks (the service's limits, said before the service has to) and payloads. */

export interface CommitmentRow {
  key: string;
  kpi: string;
  target: string;
  unit: string;
}

export interface MilestoneRow {
  key: string;
  /** the saved milestone whose place (seq) this row holds; null for a row not saved yet */
  id: string | null;
  title: string;
  dueDate: string;
  deliverable: string;
  evidenceRequired: string;
}

export interface TextRow {
  key: string;
  text: string;
}

export type ListName = 'rewards' | 'penalties' | 'exemptions';

export interface PledgeFormValues {
  number: string;
  title: string;
  /** null: the customary wording, built from the form as it stands; a string once the person edits it */
  text: string | null;
  deadline: string;
  pledgerId: string;
  issuerId: string;
  /** '' for none */
  supervisorId: string;
  witnessIds: string[];
  commitments: CommitmentRow[];
  milestones: MilestoneRow[];
  rewards: TextRow[];
  penalties: TextRow[];
  exemptions: TextRow[];
}

export const LIMITS = {
  number: 60, title: 200, text: 20000, kpi: 200, target: 100, unit: 40, clause: 1000, milestoneTitle: 200,
  deliverable: 2000, evidence: 2000, commitments: 50, milestones: 100, clauses: 50, witnesses: 10,
} as const;

let keySeq = 0;
export const rowKey = (): string => `row-${++keySeq}`;

export function emptyMilestone(): MilestoneRow {
  return { key: rowKey(), id: null, title: '', dueDate: '', deliverable: '', evidenceRequired: '' };
}

const textRows = (items: readonly string[]): TextRow[] => items.map((text) => ({ key: rowKey(), text }));

/** Appointed leaders of the challenge who have no pledge yet (a voided one does not count). */
export function pledgerChoices(detail: ChallengeDetail): string[] {
  const taken = new Set(detail.pledges.filter((p) => p.status !== 'voided').map((p) => p.appointmentId));
  const leaders = detail.appointments.filter((a) => !taken.has(a.id)).map((a) => a.leaderId);
  return [...new Set(leaders)];
}

/** A new draft: everything the challenge already says, the appointed leader as 立状人. */
export function valuesFromChallenge(detail: ChallengeDetail, me: { id: string; hq: boolean } | null, title: string): PledgeFormValues {
  const { challenge, board } = detail;
  const choices = pledgerChoices(detail);
  const pledgerId = challenge.leaderId && choices.includes(challenge.leaderId) ? challenge.leaderId : (choices[0] ?? '');
  const issuerId = me?.hq && me.id !== pledgerId ? me.id : board.issuerId !== pledgerId ? board.issuerId : '';
  return {
    number: `JLZ-${challenge.code}`,
    title,
    text: null,
    deadline: challenge.deadline,
    pledgerId,
    issuerId,
    supervisorId: '',
    witnessIds: [],
    commitments: challenge.kpis.map((k) => ({ key: rowKey(), kpi: k.name, target: k.target, unit: k.unit })),
    milestones: [],
    rewards: textRows(challenge.reward.trim() ? [challenge.reward.trim()] : []),
    penalties: [],
    exemptions: [],
  };
}

/** An existing draft, as saved. */
export function valuesFromPledge(view: PledgeView): PledgeFormValues {
  const { pledge } = view;
  return {
    number: pledge.number,
    title: pledge.title,
    text: pledge.text,
    deadline: pledge.deadline,
    pledgerId: pledge.pledgerId,
    issuerId: pledge.issuerId,
    supervisorId: pledge.supervisorId ?? '',
    witnessIds: [...pledge.witnessIds],
    commitments: pledge.commitments.map((c) => ({ key: rowKey(), kpi: c.kpi, target: c.target, unit: c.unit })),
    milestones: [...view.milestones].sort((a, b) => a.seq - b.seq).map(milestoneRow),
    rewards: textRows(pledge.rewards),
    penalties: textRows(pledge.penalties),
    exemptions: textRows(pledge.exemptions),
  };
}

function milestoneRow(m: PledgeMilestone): MilestoneRow {
  return { key: m.id, id: m.id, title: m.title, dueDate: m.dueDate, deliverable: m.deliverable, evidenceRequired: m.evidenceRequired };
}

/**
 * Saved milestones cannot be deleted (the sync log has no deletions), so a saved draft keeps at least
 * as many; their contents can move between places. In an amendment, or once any milestone has moved
 * on, each saved milestone keeps its place and only its wording changes.
 */
export function milestonesPinned(view: PledgeView | null): boolean {
  if (!view) return false;
  return !!view.pledge.supersedesId || view.milestones.some((m) => m.status !== 'planned' || !!m.copiedFromId);
}

/** An error: a catalogue key (namespace pledge) and its values. */
export interface FieldError {
  key: string;
  values?: Record<string, string | number>;
}
export type Errors = Record<string, FieldError>;

/** Checks the form; `forSigning` adds what pledges.submit needs (a commitment or a milestone). */
export function validate(values: PledgeFormValues, text: string, forSigning: boolean): Errors {
  const errors: Errors = {};
  const need = (path: string, value: string) => {
    if (!value.trim()) errors[path] = { key: 'errors.required' };
  };
  const max = (path: string, value: string, limit: number) => {
    if (!errors[path] && value.trim().length > limit) errors[path] = { key: 'errors.tooLong', values: { max: limit } };
  };
  need('number', values.number);
  max('number', values.number, LIMITS.number);
  need('title', values.title);
  max('title', values.title, LIMITS.title);
  need('text', text);
  max('text', text, LIMITS.text);
  if (!values.deadline) errors.deadline = { key: 'errors.required' };
  else if (!isIsoDate(values.deadline)) errors.deadline = { key: 'errors.date' };
  if (!values.pledgerId) errors.pledgerId = { key: 'errors.pledgerRequired' };
  if (!values.issuerId) errors.issuerId = { key: 'errors.required' };
  else if (values.issuerId === values.pledgerId) errors.issuerId = { key: 'errors.issuerIsPledger' };
  if (values.supervisorId && values.supervisorId === values.pledgerId) errors.supervisorId = { key: 'errors.supervisorIsPledger' };
  if (values.witnessIds.includes(values.pledgerId)) errors.witnessIds = { key: 'errors.witnessIsPledger' };
  else if (values.witnessIds.length > LIMITS.witnesses) errors.witnessIds = { key: 'errors.tooMany', values: { max: LIMITS.witnesses } };

  if (values.commitments.length > LIMITS.commitments) errors.commitments = { key: 'errors.tooMany', values: { max: LIMITS.commitments } };
  values.commitments.forEach((c, i) => {
    need(`commitments.${i}.kpi`, c.kpi);
    max(`commitments.${i}.kpi`, c.kpi, LIMITS.kpi);
    need(`commitments.${i}.target`, c.target);
    max(`commitments.${i}.target`, c.target, LIMITS.target);
    max(`commitments.${i}.unit`, c.unit, LIMITS.unit);
  });

  if (values.milestones.length > LIMITS.milestones) errors.milestones = { key: 'errors.tooMany', values: { max: LIMITS.milestones } };
  values.milestones.forEach((m, i) => {
    need(`milestones.${i}.title`, m.title);
    max(`milestones.${i}.title`, m.title, LIMITS.milestoneTitle);
    if (!m.dueDate) errors[`milestones.${i}.dueDate`] = { key: 'errors.required' };
    else if (!isIsoDate(m.dueDate)) errors[`milestones.${i}.dueDate`] = { key: 'errors.date' };
    else if (isIsoDate(values.deadline) && m.dueDate > values.deadline) errors[`milestones.${i}.dueDate`] = { key: 'errors.afterDeadline' };
    max(`milestones.${i}.deliverable`, m.deliverable, LIMITS.deliverable);
    max(`milestones.${i}.evidenceRequired`, m.evidenceRequired, LIMITS.evidence);
  });

  for (const list of ['rewards', 'penalties', 'exemptions'] as const) {
    if (values[list].length > LIMITS.clauses) errors[list] = { key: 'errors.tooMany', values: { max: LIMITS.clauses } };
    values[list].forEach((r, i) => {
      if (!r.text.trim()) errors[`${list}.${i}`] = { key: 'errors.emptyClause' };
      else max(`${list}.${i}`, r.text, LIMITS.clause);
    });
  }
  if (forSigning && values.commitments.length === 0 && values.milestones.length === 0) errors.commitments ??= { key: 'errors.needsContent' };
  return errors;
}

/** The order fields appear in, so the first error can be focused. */
export function firstErrorPath(errors: Errors, values: PledgeFormValues): string | null {
  const order = [
    'number', 'deadline', 'title', 'pledgerId', 'issuerId', 'supervisorId', 'witnessIds', 'text',
    'commitments', ...values.commitments.flatMap((_, i) => [`commitments.${i}.kpi`, `commitments.${i}.target`, `commitments.${i}.unit`]),
    'milestones', ...values.milestones.flatMap((_, i) => ['title', 'dueDate', 'deliverable', 'evidenceRequired'].map((f) => `milestones.${i}.${f}`)),
    ...(['rewards', 'penalties', 'exemptions'] as const).flatMap((l) => [l, ...values[l].map((_, i) => `${l}.${i}`)]),
  ];
  return order.find((p) => errors[p]) ?? Object.keys(errors)[0] ?? null;
}

export interface MilestoneContent {
  title: string;
  dueDate: string;
  deliverable: string;
  evidenceRequired: string;
}

const milestoneContent = (m: MilestoneRow): MilestoneContent => ({
  title: m.title.trim(),
  dueDate: m.dueDate,
  deliverable: m.deliverable.trim(),
  evidenceRequired: m.evidenceRequired.trim(),
});

/** The pledge's own fields (pledges.draft / pledges.update), trimmed. */
export function pledgeFields(values: PledgeFormValues, text: string) {
  return {
    number: values.number.trim(),
    title: values.title.trim(),
    text: text.trim(),
    deadline: values.deadline,
    pledgerId: values.pledgerId,
    issuerId: values.issuerId,
    supervisorId: values.supervisorId || null,
    witnessIds: [...values.witnessIds],
    commitments: values.commitments.map((c) => ({ kpi: c.kpi.trim(), target: c.target.trim(), unit: c.unit.trim() })),
    rewards: values.rewards.map((r) => r.text.trim()).filter(Boolean),
    penalties: values.penalties.map((r) => r.text.trim()).filter(Boolean),
    exemptions: values.exemptions.map((r) => r.text.trim()).filter(Boolean),
  };
}

export function draftInput(challengeId: string, values: PledgeFormValues, text: string): Input<'pledges.draft'> {
  return {
    challengeId,
    ...pledgeFields(values, text),
    milestones: values.milestones.map(milestoneContent),
  };
}

export function updateInput(id: string, values: PledgeFormValues, text: string): Input<'pledges.update'> {
  const { pledgerId: _fixed, ...fields } = pledgeFields(values, text);
  return { id, ...fields };
}

/**
 * The milestone writes that make the saved draft match the rows: place i keeps the saved milestone
 * `slots[i]` and takes row i's content; rows past the saved ones are added.
 */
export function milestoneWrites(
  rows: readonly MilestoneRow[],
  slots: readonly string[],
  saved: ReadonlyMap<string, MilestoneContent>,
): { updates: (MilestoneContent & { id: string })[]; adds: { key: string; content: MilestoneContent }[] } {
  const updates: (MilestoneContent & { id: string })[] = [];
  const adds: { key: string; content: MilestoneContent }[] = [];
  rows.forEach((row, i) => {
    const content = milestoneContent(row);
    const slot = slots[i];
    if (slot === undefined) {
      adds.push({ key: row.key, content });
      return;
    }
    const before = saved.get(slot);
    if (!before || (Object.keys(content) as (keyof MilestoneContent)[]).some((k) => content[k] !== before[k])) updates.push({ id: slot, ...content });
  });
  return { updates, adds };
}

export function savedContents(milestones: readonly PledgeMilestone[]): Map<string, MilestoneContent> {
  return new Map(milestones.map((m) => [m.id, { title: m.title, dueDate: m.dueDate, deliverable: m.deliverable, evidenceRequired: m.evidenceRequired }]));
}

/** Everything the customary wording needs to know about the people. */
export interface TemplateContext {
  detail: ChallengeDetail;
  people: ReadonlyMap<string, Person>;
  sites: ReadonlyMap<string, Site>;
  language: string;
  today?: string;
}

/**
 * The customary 军令状 wording: who pledges to whom, the task and period, the targets (from the
 * commitments, with the KPI baselines), how milestones, rewards and penalties and exemptions apply,
 * and the closing formula. Built in the reader's language; the person edits it freely afterwards.
 */
export function customaryText(t: TFunction, values: PledgeFormValues, ctx: TemplateContext): string {
  const f = formattersFor(ctx.language);
  const { challenge } = ctx.detail;
  const pledger = ctx.people.get(values.pledgerId);
  const issuer = ctx.people.get(values.issuerId);
  const pledgerSite = pledger ? ctx.sites.get(pledger.siteId)?.name ?? '' : '';
  const issuerSite = issuer ? ctx.sites.get(issuer.siteId)?.name ?? '' : '';
  const who = pledger
    ? [pledgerSite, pledger.post].filter(Boolean).length
      ? t('pledge:template.pledgerWithPost', { name: pledger.name, detail: [pledgerSite, pledger.post].filter(Boolean).join(t('pledge:template.joiner')) })
      : pledger.name
    : t('pledge:template.blank');
  const to = issuerSite || (issuer ? issuer.name : t('pledge:template.blank'));
  const kpis = new Map(challenge.kpis.map((k) => [k.name, k]));
  const commitments = values.commitments.filter((c) => c.kpi.trim() && c.target.trim());
  const targets = commitments.map((c, i) => {
    const baseline = kpis.get(c.kpi.trim())?.baseline.trim();
    const target = targetWithUnit(c.target, c.unit);
    const line = baseline
      ? t('pledge:template.targetFrom', { kpi: c.kpi.trim(), baseline: targetWithUnit(baseline, c.unit), target })
      : t('pledge:template.target', { kpi: c.kpi.trim(), target });
    return `${i + 1}. ${line}${i === commitments.length - 1 ? t('pledge:template.endLast') : t('pledge:template.endItem')}`;
  });
  const paragraphs = [
    t('pledge:template.heading'),
    t('pledge:template.opening', { who, to }),
    t('pledge:template.task', {
      from: f.date(ctx.today ?? localToday()),
      to: values.deadline && isIsoDate(values.deadline) ? f.date(values.deadline) : t('pledge:template.blank'),
      title: challenge.title,
      code: challenge.code,
    }),
    [t('pledge:template.targetsHeading'), ...(targets.length ? targets : [t('pledge:template.noTargets')])].join('\n'),
    [t('pledge:template.milestonesHeading'), t('pledge:template.milestones')].join('\n'),
    [t('pledge:template.rewardsHeading'), t('pledge:template.rewards')].join('\n'),
    [t('pledge:template.exemptionsHeading'), t('pledge:template.exemptions')].join('\n'),
    t('pledge:template.closing'),
  ];
  return paragraphs.join('\n\n');
}
