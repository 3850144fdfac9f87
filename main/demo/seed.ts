import { dispatch } from '../contract/dispatch';
import type { Db } from '../db/open';
import { JiebangError } from '../domain/errors';
import { isMilestoneOverdue, milestoneLight } from '../domain/derived';
import type { MilestoneStatus } from '../domain/machines';
import { MILESTONE_STATUSES } from '../domain/machines';
import type { ServiceContext } from '../services/context';
import { withActor } from '../services/context';
import { DemoCalendar } from './calendar';
import type { DemoStep } from './content';
import { DEMO_FILES } from './content';

/**
 * Seeds the demo data set into an empty database by replaying its history through the contract,
 * as the person named on each step and on a simulated clock that walks from ~10 months ago to
 * yesterday: every row gets its events (留痕) and sync ops exactly as if people had done the work.
 */
export interface DemoSummary {
  sites: number;
  people: number;
  teams: number;
  boards: number;
  challenges: number;
  subChallenges: number;
  claims: number;
  pledges: number;
  /** milestones of the signed pledges in force (drafts, superseded and abandoned versions left out) */
  milestonesByStatus: Record<MilestoneStatus, number>;
  overdueMilestones: number;
  yellowMilestones: number;
  progressEntries: number;
  cases: number;
  events: number;
  /** the founding article's four cases */
  caseTitles: string[];
  /** whether the dam story's National Day sprint is already history or still planned */
  nationalDaySprint: 'delivered' | 'planned';
}

export interface SeedOptions {
  now: () => Date;
}

const FIRST_SLOT = 9 * 60; // 09:00 Beijing time
const SLOT_MINUTES = 7;
/** The person the device is left with: an HQ officer, who sees every board. */
const FINAL_PERSON = 'p.liang';

interface PlannedStep extends DemoStep {
  file: string;
  index: number;
  dayNumber: number;
}

export function seedDemoData(db: Db, options: SeedOptions): DemoSummary {
  const people = db.prepare('SELECT count(*) FROM people').pluck().get() as number;
  if (people > 0) {
    throw new JiebangError(
      'RULE',
      `数据库中已有 ${people} 名人员，演示数据只能写入空数据库`,
      `The database already has ${people} people; demo data goes only into an empty database`,
    );
  }
  const calendar = new DemoCalendar(options.now());
  const steps = plan(calendar);
  let clock = options.now(); // set to each step's moment before it runs
  const ctx: ServiceContext = { db, actorId: null, now: () => clock };
  const refs = new Map<string, string>();
  const slots = new Map<number, number>();

  // one transaction: a seed that fails half-way leaves the database empty, not half-seeded
  db.transaction(() => {
    for (const step of steps) {
      // steps of a day follow each other from 09:00, or from their own time (a night shift)
      const slot = Math.max(slots.get(step.dayNumber) ?? 0, step.time ? minutesOf(step.time) : FIRST_SLOT);
      slots.set(step.dayNumber, slot + SLOT_MINUTES + (step.index % 3));
      clock = calendar.instant(step.dayNumber, slot);
      const input = resolve(step.input, { calendar, refs, day: step.dayNumber });
      const actorId = step.as === null ? null : lookup(refs, step.as);
      const result = dispatch({ ...ctx, actorId }, step.call, input);
      if (!result.ok) {
        const where = `${step.file} #${step.index + 1}（${step.call}，${step.as ?? '—'}，day ${step.dayNumber}）`;
        throw new JiebangError(
          'INTERNAL',
          `演示数据 ${where} 执行失败：${result.error.message}`,
          `Demo step ${where} failed: ${result.error.messageEn}`,
          { step: { file: step.file, index: step.index, call: step.call }, error: result.error },
        );
      }
      remember(refs, step, result.value);
    }
    const final = dispatch(withActor(ctx, lookup(refs, FINAL_PERSON)), 'session.switchPerson', { personId: lookup(refs, FINAL_PERSON) });
    if (!final.ok) throw new JiebangError('INTERNAL', final.error.message, final.error.messageEn);
  })();

  return summarize(db, calendar, refs, options.now());
}

/** The steps that apply to this calendar, in history order (day, then file order, then file position). */
function plan(calendar: DemoCalendar): PlannedStep[] {
  const condition = calendar.nationalDay.past ? 'national-day-past' : 'national-day-ahead';
  const steps = DEMO_FILES.flatMap((file) =>
    file.steps
      .map((s, index) => ({ ...s, file: file.name, index, dayNumber: calendar.day(s.day) }))
      .filter((s) => !s.when || s.when === condition),
  );
  for (const s of steps) {
    if (s.dayNumber >= 0) throw new Error(`demo: ${s.file} #${s.index + 1} is dated day ${s.dayNumber}; history ends yesterday`);
  }
  // a stable sort keeps each file's own order within a day
  return steps.sort((a, b) => a.dayNumber - b.dayNumber);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function lookup(refs: Map<string, string>, name: string): string {
  const id = refs.get(name);
  if (id === undefined) throw new Error(`demo: unknown ref ${name}`);
  return id;
}

interface Scope {
  calendar: DemoCalendar;
  refs: Map<string, string>;
  day: number;
}

const TEMPLATE = /\{(year|date|iso)(?::([^}]+))?\}/g;

/** `@ref` → an id; `{iso:-30}`, `{date:nd+6}`, `{year:60}` → dates (no argument: the step's own day). */
function resolve(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') {
    if (value.startsWith('@')) return lookup(scope.refs, value.slice(1));
    return value.replace(TEMPLATE, (_, kind: string, expr: string | undefined) => {
      const day = expr === undefined ? scope.day : scope.calendar.day(expr);
      if (kind === 'iso') return scope.calendar.iso(day);
      if (kind === 'date') return scope.calendar.zh(day);
      return String(scope.calendar.year(day));
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, scope));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, scope)]));
  }
  return value;
}

function pathValue(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

function remember(refs: Map<string, string>, step: DemoStep, value: unknown): void {
  const named: [string, string][] = [];
  if (step.ref) named.push([step.ref, ['id', 'pledge.id', 'person.id'].map((p) => pathValue(value, p)).find((v) => typeof v === 'string') as string]);
  for (const [name, path] of Object.entries(step.refs ?? {})) named.push([name, pathValue(value, path) as string]);
  for (const [name, id] of named) {
    if (typeof id !== 'string') throw new Error(`demo: ${step.call} gave no id for ref ${name}`);
    if (refs.has(name)) throw new Error(`demo: ref ${name} defined twice`);
    refs.set(name, id);
  }
}

function summarize(db: Db, calendar: DemoCalendar, refs: Map<string, string>, now: Date): DemoSummary {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const milestones = db
    .prepare(
      `SELECT m.status, m.due_date AS dueDate FROM milestones m JOIN pledges p ON p.id = m.pledge_id
       WHERE p.status IN ('signed','active','fulfilled','partially_fulfilled','unfulfilled_excused','unfulfilled')`,
    )
    .all() as { status: MilestoneStatus; dueDate: string }[];
  const today = now.toISOString().slice(0, 10);
  const milestonesByStatus = Object.fromEntries(MILESTONE_STATUSES.map((s) => [s, milestones.filter((m) => m.status === s).length])) as Record<MilestoneStatus, number>;
  const caseTitles = DEMO_FILES.flatMap((f) => (f.foundingCase ? [lookup(refs, f.foundingCase)] : [])).map(
    (id) => db.prepare('SELECT title FROM challenges WHERE id = ?').pluck().get(id) as string,
  );
  return {
    sites: count('SELECT count(*) FROM sites'),
    people: count('SELECT count(*) FROM people'),
    teams: count('SELECT count(*) FROM teams'),
    boards: count('SELECT count(*) FROM boards'),
    challenges: count('SELECT count(*) FROM challenges WHERE parent_id IS NULL'),
    subChallenges: count('SELECT count(*) FROM challenges WHERE parent_id IS NOT NULL'),
    claims: count('SELECT count(*) FROM claims'),
    pledges: count('SELECT count(*) FROM pledges'),
    milestonesByStatus,
    overdueMilestones: milestones.filter((m) => isMilestoneOverdue(m, today)).length,
    yellowMilestones: milestones.filter((m) => milestoneLight(m, today) === 'yellow').length,
    progressEntries: count('SELECT count(*) FROM progress_entries'),
    cases: count('SELECT count(*) FROM cases'),
    events: count('SELECT count(*) FROM events'),
    caseTitles,
    nationalDaySprint: calendar.nationalDay.past ? 'delivered' : 'planned',
  };
}
