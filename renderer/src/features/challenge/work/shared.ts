import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../lib/api';
import { isHq, useSession } from '../../../lib/session';
import type { ChallengeDetail } from '../types';

/** Helpers the work and closing panels share: who is acting, names, today, criteria and tags. */

export type MilestoneRow = ChallengeDetail['milestones'][number];
export type ProgressRow = ChallengeDetail['progress'][number];
export type AcceptanceRow = ChallengeDetail['acceptances'][number];
export type AssessmentRow = ChallengeDetail['assessments'][number];
export type CaseRow = NonNullable<ChallengeDetail['case']>;

/** Pledge statuses under which milestones move (the service's rule). */
export const WORKING_PLEDGE_STATUSES: readonly string[] = ['signed', 'active'];
export const DRAFT_PLEDGE_STATUSES: readonly string[] = ['draft', 'ready_to_sign', 'partially_signed'];
/** Challenge statuses in which the progress log takes entries (the service's rule). */
export const LOGGABLE_STATUSES: readonly string[] = ['appointed', 'pledged', 'in_progress', 'suspended', 'rework', 'acceptance_requested'];

/** The person using the device; loads the session if the shell has not yet. */
export function useWorkSession() {
  const api = useApi();
  const session = useSession((s) => s.session);
  const people = useSession((s) => s.people);
  const error = useSession((s) => s.error);
  const load = useSession((s) => s.load);
  useEffect(() => {
    if (!session && !error) void load(api);
  }, [api, session, error, load]);
  return { session, hq: isHq(session), personId: session?.person?.id ?? null, people };
}

/** A person's name from the detail, else from the people list, else "unknown". */
export function usePersonName(detail: ChallengeDetail): (id: string | null | undefined) => string {
  const { t } = useTranslation('work');
  const people = useSession((s) => s.people);
  return useCallback(
    (id) => {
      if (!id) return t('unknownPerson');
      return detail.people[id] ?? people.find((p) => p.id === id)?.name ?? t('unknownPerson');
    },
    [detail.people, people, t],
  );
}

/** Today as YYYY-MM-DD on this device's calendar. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/**
 * The acceptance criteria a challenge lists, one per item: "1. …；\n2. …" or "…；…" become separate
 * criteria, without their numbering and closing punctuation.
 */
export function parseCriteria(text: string): string[] {
  return text
    .split(/[\n；;]+/)
    .map((line) =>
      line
        .trim()
        .replace(/^(?:\d+\s*[.、．)）]|[（(]\s*\d+\s*[)）]|[①-⑳]|[-•·*])\s*/, '')
        .replace(/[。．.，,、\s]+$/, '')
        .trim(),
    )
    .filter((line) => line.length > 0)
    .map((line) => line.slice(0, 200))
    .slice(0, 50);
}

/** Tags typed as "a, b、c": trimmed, unique, in order. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(/[,，、;；\n]+/)) {
    const tag = raw.trim();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

/** A grade suggested by the score (the board's usual bands). */
export function suggestedGrade(score: number): 'excellent' | 'good' | 'pass' | 'fail' {
  if (score >= 90) return 'excellent';
  if (score >= 80) return 'good';
  if (score >= 60) return 'pass';
  return 'fail';
}
