import { describe, expect, it } from 'vitest';
import { JiebangError } from '../../main/domain/errors';
import type { Machine } from '../../main/domain/machines';
import { MACHINES, nextState, requireTransition } from '../../main/domain/machines';

/** Every (state, action) pair of every machine: legal ones land where the table says, the rest are refused. */
const EXPECTED_LEGAL: Record<string, string[]> = {
  challenge: [
    'draft --challenge.publish--> published', 'draft --challenge.withdraw--> withdrawn',
    'published --challenge.withdraw--> withdrawn', 'published --challenge.fail--> failed',
    'published --challenge.appoint--> appointed', 'appointed --challenge.pledge--> pledged',
    'pledged --challenge.start--> in_progress', 'in_progress --challenge.suspend--> suspended',
    'suspended --challenge.resume--> in_progress', 'in_progress --challenge.request_acceptance--> acceptance_requested',
    'acceptance_requested --challenge.accept--> accepted', 'acceptance_requested --challenge.rework--> rework',
    'acceptance_requested --challenge.not_accept--> not_accepted', 'rework --challenge.resume--> in_progress',
    'accepted --challenge.assess--> assessed', 'not_accepted --challenge.assess--> assessed',
    'assessed --challenge.archive--> archived', 'appointed --challenge.terminate--> terminated',
    'pledged --challenge.terminate--> terminated', 'in_progress --challenge.terminate--> terminated',
    'suspended --challenge.terminate--> terminated', 'rework --challenge.terminate--> terminated',
  ],
  claim: [
    'submitted --claim.shortlist--> shortlisted', 'submitted --claim.select--> selected', 'shortlisted --claim.select--> selected',
    'submitted --claim.reject--> not_selected', 'shortlisted --claim.reject--> not_selected',
    'submitted --claim.withdraw--> withdrawn', 'shortlisted --claim.withdraw--> withdrawn', 'selected --claim.eliminate--> eliminated',
  ],
  pledge: [
    'draft --pledge.submit--> ready_to_sign', 'ready_to_sign --pledge.reopen--> draft',
    'ready_to_sign --pledge.sign--> partially_signed', 'partially_signed --pledge.sign--> partially_signed',
    'partially_signed --pledge.complete_signing--> signed', 'signed --pledge.activate--> active',
    'active --pledge.close--> fulfilled', 'active --pledge.close--> partially_fulfilled',
    'active --pledge.close--> unfulfilled_excused', 'active --pledge.close--> unfulfilled',
    'draft --pledge.void--> voided', 'ready_to_sign --pledge.void--> voided', 'partially_signed --pledge.void--> voided',
    'signed --pledge.abandon--> abandoned', 'active --pledge.abandon--> abandoned',
    'signed --pledge.supersede--> superseded', 'active --pledge.supersede--> superseded',
  ],
  milestone: [
    'planned --milestone.start--> in_progress', 'in_progress --milestone.report--> reported',
    'reported --milestone.verify--> verified', 'reported --milestone.reject--> rejected', 'rejected --milestone.start--> in_progress',
  ],
};

describe.each(Object.entries(MACHINES))('the %s state machine', (name, machine) => {
  const m = machine as Machine<string, string>;
  const actions = [...new Set(m.transitions.map((t) => t.action))];
  const legal = new Set(EXPECTED_LEGAL[name]);

  it('has exactly the documented transitions', () => {
    expect(new Set(m.transitions.map((t) => `${t.from} --${t.action}--> ${t.to}`))).toEqual(legal);
  });

  it('labels every state in Chinese and starts where DESIGN.md says', () => {
    for (const s of m.states) expect(m.labels[s]).toMatch(/[\u4e00-\u9fff]/);
    expect(m.states).toContain(m.initial);
  });

  for (const from of m.states) {
    for (const to of m.states) {
      for (const action of actions) {
        const key = `${from} --${action}--> ${to}`;
        if (legal.has(key)) {
          it(`allows ${key}`, () => {
            expect(requireTransition(m, from, action, to)).toBe(to);
          });
        } else {
          it(`refuses ${key}`, () => {
            const reachable = nextState(m, from, action, to);
            expect(reachable).toBeNull();
            try {
              requireTransition(m, from, action, to);
              expect.unreachable();
            } catch (err) {
              expect(err).toBeInstanceOf(JiebangError);
              expect((err as JiebangError).code).toBe('ILLEGAL_TRANSITION');
              expect((err as JiebangError).messageZh).toContain(m.labels[from]);
            }
          });
        }
      }
    }
  }
});
