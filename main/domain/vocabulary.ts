/**
 * The names of the domain (DESIGN.md §1). Codes are the contract; labels are for people.
 */
export const ROLES = ['hq_admin', 'hq_officer', 'site_lead', 'site_member', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];
export const HQ_ROLES: readonly Role[] = ['hq_admin', 'hq_officer'];

export const SITE_KINDS = ['hq', 'site'] as const;
export const LINK_PROFILES = ['L0', 'L2', 'L3', 'L6', 'L7', 'L8'] as const;

export const BOARD_SOURCES = ['superior', 'grassroots', 'enterprise', 'joint'] as const;
export const BOARD_SOURCE_LABELS = { superior: '上级点题', grassroots: '基层申报', enterprise: '企业自设', joint: '联合发榜' } as const;

export const CATEGORIES = ['tech_breakthrough', 'process', 'market', 'green', 'safety', 'urgent'] as const;
export const CATEGORY_LABELS = {
  tech_breakthrough: '技术瓶颈突破',
  process: '生产流程优化',
  market: '市场拓展',
  green: '绿色发展',
  safety: '安全生产',
  urgent: '急难险重',
} as const;

export const TEAM_MODES = ['solo', 'joint', 'horse_race'] as const;
export type TeamMode = (typeof TEAM_MODES)[number];
export const TEAM_MODE_LABELS = { solo: '独立攻关', joint: '联合攻关', horse_race: '赛马' } as const;

export const BOARD_STATUSES = ['draft', 'published', 'closed'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

export const PARTY_ROLES = ['pledger', 'issuer', 'supervisor', 'witness'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export const PARTY_ROLE_LABELS = { pledger: '立状人', issuer: '发令方', supervisor: '监督人', witness: '见证人' } as const;

export const ACCEPTANCE_DECISIONS = ['passed', 'rework', 'failed'] as const;
export type AcceptanceDecision = (typeof ACCEPTANCE_DECISIONS)[number];
export const ACCEPTANCE_DECISION_LABELS = { passed: '通过', rework: '整改', failed: '不通过' } as const;

export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' } as const;

export const PLEDGE_OUTCOMES = ['fulfilled', 'partially_fulfilled', 'unfulfilled_excused', 'unfulfilled'] as const;
export type PledgeOutcome = (typeof PLEDGE_OUTCOMES)[number];
export const PLEDGE_OUTCOME_LABELS = {
  fulfilled: '达成',
  partially_fulfilled: '部分达成',
  unfulfilled_excused: '未达成·免责',
  unfulfilled: '未达成',
} as const;
