import { JiebangError } from './errors';
import type { Role } from './vocabulary';
import { HQ_ROLES, ROLES } from './vocabulary';

/**
 * Who may do what. HQ roles publish, appoint, accept and assess anywhere; site roles work on
 * the challenges of their own site. The hub re-checks the same table on every incoming op.
 */
export const ACTIONS = [
  'site.manage', 'person.manage', 'team.manage',
  'board.create', 'board.edit', 'board.publish', 'board.close',
  'challenge.create', 'challenge.edit', 'challenge.publish', 'challenge.withdraw', 'challenge.fail',
  'challenge.appoint', 'challenge.start', 'challenge.suspend', 'challenge.resume', 'challenge.request_acceptance',
  'challenge.decide_acceptance', 'challenge.assess', 'challenge.archive', 'challenge.terminate',
  'claim.submit', 'claim.withdraw', 'claim.shortlist', 'claim.select', 'claim.reject', 'claim.eliminate',
  'pledge.draft', 'pledge.edit', 'pledge.sign', 'pledge.void', 'pledge.abandon', 'pledge.amend',
  'milestone.plan', 'milestone.start', 'milestone.report', 'milestone.verify',
  'progress.add', 'attachment.add', 'case.promote',
] as const;
export type Action = (typeof ACTIONS)[number];

/** 'any': anywhere; 'own_site': only on a target at the actor's own site. */
type Scope = 'any' | 'own_site';
type Grant = Partial<Record<Role, Scope>>;

const HQ: Grant = { hq_admin: 'any', hq_officer: 'any' };
const HQ_AND_LEAD: Grant = { ...HQ, site_lead: 'own_site' };
const HQ_AND_SITE: Grant = { ...HQ, site_lead: 'own_site', site_member: 'own_site' };
const EVERYONE: Grant = { ...HQ, site_lead: 'any', site_member: 'any', supervisor: 'any' };

export const AUTHORITY: Record<Action, Grant> = {
  'site.manage': { hq_admin: 'any' },
  'person.manage': { hq_admin: 'any' },
  'team.manage': HQ_AND_LEAD,
  'board.create': HQ,
  'board.edit': HQ,
  'board.publish': HQ,
  'board.close': HQ,
  'challenge.create': HQ,
  'challenge.edit': HQ,
  'challenge.publish': HQ,
  'challenge.withdraw': HQ,
  'challenge.fail': HQ,
  'challenge.appoint': HQ,
  'challenge.start': HQ_AND_LEAD,
  'challenge.suspend': HQ,
  'challenge.resume': HQ_AND_LEAD,
  'challenge.request_acceptance': HQ_AND_LEAD,
  'challenge.decide_acceptance': HQ,
  'challenge.assess': HQ,
  'challenge.archive': HQ,
  'challenge.terminate': HQ,
  'claim.submit': EVERYONE,
  // withdrawing one's own claim is further limited to the applicant by the service
  'claim.withdraw': EVERYONE,
  'claim.shortlist': HQ,
  'claim.select': HQ,
  'claim.reject': HQ,
  'claim.eliminate': HQ,
  'pledge.draft': HQ_AND_LEAD,
  'pledge.edit': HQ_AND_LEAD,
  // signing is further limited to the person named as that party by the service
  'pledge.sign': EVERYONE,
  'pledge.void': HQ,
  'pledge.abandon': HQ,
  'pledge.amend': HQ_AND_LEAD,
  'milestone.plan': HQ_AND_LEAD,
  'milestone.start': HQ_AND_SITE,
  'milestone.report': HQ_AND_SITE,
  'milestone.verify': { ...HQ, supervisor: 'any' },
  'progress.add': HQ_AND_SITE,
  'attachment.add': HQ_AND_SITE,
  'case.promote': HQ,
};

export interface Actor {
  id: string;
  name: string;
  siteId: string;
  roles: readonly Role[];
}

export interface Target {
  /** the site the target belongs to (a challenge's executing site) */
  siteId?: string | null;
}

export function isHq(actor: Actor): boolean {
  return actor.roles.some((r) => HQ_ROLES.includes(r));
}

/** Why `actor` may not perform `action` on `target`, or null when allowed. */
export function refusal(actor: Actor, action: Action, target: Target = {}): string | null {
  const grant = AUTHORITY[action];
  let sawOwnSiteOnly = false;
  for (const role of actor.roles) {
    const scope = grant[role];
    if (scope === 'any') return null;
    if (scope === 'own_site') {
      if (target.siteId === undefined || target.siteId === null || target.siteId === actor.siteId) return null;
      sawOwnSiteOnly = true;
    }
  }
  return sawOwnSiteOnly ? 'other_site' : 'role';
}

export function authorize(actor: Actor, action: Action, target: Target = {}): void {
  const why = refusal(actor, action, target);
  if (why === null) return;
  const allowed = ROLES.filter((r) => AUTHORITY[action][r]).join(', ');
  if (why === 'other_site') {
    throw new JiebangError(
      'FORBIDDEN',
      `${actor.name} 只能对本单位的榜题执行此操作（${action}）`,
      `${actor.name} may do ${action} only on challenges of their own site`,
      { action, reason: why },
    );
  }
  throw new JiebangError(
    'FORBIDDEN',
    `${actor.name} 没有执行此操作的权限（${action}，需要角色：${allowed}）`,
    `${actor.name} is not allowed to do ${action} (needs one of: ${allowed})`,
    { action, reason: why, allowed },
  );
}
