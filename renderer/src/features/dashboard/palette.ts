import type { ChallengeStatus, PledgeStatus } from '../../../../main/domain/machines';
import type { CATEGORIES } from '../../../../main/domain/vocabulary';

/** Chart colours, in the same families as the status badges (styles.css); the key order is the display order. */
export const CHALLENGE_STATUS_COLORS: Record<ChallengeStatus, string> = {
  draft: '#8c959f',
  published: '#0969da',
  appointed: '#d4a72c',
  pledged: '#bf8700',
  in_progress: '#8250df',
  suspended: '#fb8f44',
  acceptance_requested: '#2da44e',
  rework: '#e16f24',
  accepted: '#1a7f37',
  not_accepted: '#cf222e',
  assessed: '#116329',
  archived: '#57606a',
  withdrawn: '#a40e26',
  failed: '#82071e',
  terminated: '#d1242f',
};

export const CATEGORY_COLORS: Record<(typeof CATEGORIES)[number], string> = {
  tech_breakthrough: '#b3122a',
  process: '#0969da',
  market: '#bf8700',
  green: '#1a7f37',
  safety: '#8250df',
  urgent: '#e16f24',
};

export const PLEDGE_STATUS_COLORS: Record<PledgeStatus, string> = {
  draft: '#8c959f',
  ready_to_sign: '#0969da',
  partially_signed: '#d4a72c',
  signed: '#a475f9',
  active: '#8250df',
  fulfilled: '#1a7f37',
  partially_fulfilled: '#e16f24',
  unfulfilled_excused: '#bf8700',
  unfulfilled: '#cf222e',
  voided: '#6e7781',
  abandoned: '#a40e26',
  superseded: '#afb8c1',
};

export const MILESTONE_COLORS = { onTime: '#1a7f37', late: '#d4a72c', overdue: '#cf222e', open: '#afb8c1' } as const;

export const TEAM_COLORS = { members: '#b3122a', activeClaims: '#c9a227' } as const;

/** The app's font stack, so Chinese labels on the canvas match the page. */
export const CHART_FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', system-ui, sans-serif";
