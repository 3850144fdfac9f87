import { describe, expect, it } from 'vitest';
import type { Action, Actor } from '../../main/domain/authority';
import { ACTIONS, authorize, refusal } from '../../main/domain/authority';
import { JiebangError } from '../../main/domain/errors';
import type { Role } from '../../main/domain/vocabulary';
import { ROLES } from '../../main/domain/vocabulary';

const HQ_ONLY: Action[] = [
  'board.create', 'board.edit', 'board.publish', 'board.close', 'challenge.create', 'challenge.edit', 'challenge.publish',
  'challenge.withdraw', 'challenge.fail', 'challenge.appoint', 'challenge.suspend', 'challenge.decide_acceptance',
  'challenge.assess', 'challenge.archive', 'challenge.terminate', 'claim.shortlist', 'claim.select', 'claim.reject',
  'claim.eliminate', 'pledge.void', 'pledge.abandon', 'case.promote',
];
const LEAD_OWN_SITE: Action[] = ['team.manage', 'challenge.start', 'challenge.resume', 'challenge.request_acceptance', 'pledge.draft', 'pledge.edit', 'pledge.amend', 'milestone.plan'];
const SITE_OWN_SITE: Action[] = ['milestone.start', 'milestone.report', 'progress.add', 'attachment.add'];
const EVERYONE: Action[] = ['claim.submit', 'claim.withdraw', 'pledge.sign'];

/** The expected verdict for one role on one action, at its own site and at another site. */
function expected(role: Role, action: Action): { own: boolean; other: boolean } {
  if (action === 'site.manage' || action === 'person.manage') return { own: role === 'hq_admin', other: role === 'hq_admin' };
  const hq = role === 'hq_admin' || role === 'hq_officer';
  if (hq) return { own: true, other: true };
  if (EVERYONE.includes(action)) return { own: true, other: true };
  if (action === 'milestone.verify') return { own: role === 'supervisor', other: role === 'supervisor' };
  if (LEAD_OWN_SITE.includes(action)) return { own: role === 'site_lead', other: false };
  if (SITE_OWN_SITE.includes(action)) return { own: role === 'site_lead' || role === 'site_member', other: false };
  if (HQ_ONLY.includes(action)) return { own: false, other: false };
  throw new Error(`action ${action} missing from the test's expectations`);
}

const actor = (role: Role): Actor => ({ id: `p-${role}`, name: role, siteId: 'site-a', roles: [role] });

describe('the authority matrix (role × action × site)', () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const want = expected(role, action);
      it(`${role} ${want.own ? 'may' : 'may not'} ${action} at its own site, ${want.other ? 'may' : 'may not'} elsewhere`, () => {
        expect(refusal(actor(role), action, { siteId: 'site-a' }) === null).toBe(want.own);
        expect(refusal(actor(role), action, { siteId: 'site-b' }) === null).toBe(want.other);
      });
    }
  }

  it('a refusal is a FORBIDDEN error naming the action, in both languages', () => {
    try {
      authorize(actor('site_member'), 'board.publish');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(JiebangError);
      expect((err as JiebangError).code).toBe('FORBIDDEN');
      expect((err as JiebangError).messageZh).toContain('board.publish');
      expect((err as JiebangError).messageEn).toContain('not allowed');
    }
    expect(() => authorize(actor('site_lead'), 'progress.add', { siteId: 'site-b' })).toThrow(/own site/);
  });

  it('a person with several roles gets the widest of them', () => {
    const both: Actor = { id: 'p', name: 'p', siteId: 'site-a', roles: ['site_member', 'supervisor'] };
    expect(refusal(both, 'milestone.verify', { siteId: 'site-b' })).toBeNull();
    expect(refusal(both, 'progress.add', { siteId: 'site-b' })).toBe('other_site');
  });
});
