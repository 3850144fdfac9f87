import { describe, expect, it } from 'vitest';
import { makeOrg, openTestStore } from '../support/store';
import { claimAndAppoint, draftPledge, inProgressChallenge, publishedChallenge, signPledge } from '../support/flow';

describe('people.involvement: a person\'s challenges and pledges with the roles they hold', () => {
  it('names the leader, applicant and member of challenges, and every party of a 军令状 with what they signed', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const led = inProgressChallenge(s, org, { title: '大坝渗流监测' });
    // a second challenge: the site member applies, the lead is named as a member of that claim
    const other = publishedChallenge(s, org, { title: '坝肩变形监测' });
    s.call(org.member, 'claims.submit', {
      challengeId: other.challengeId, teamId: null, plan: '分两阶段完成',
      members: [{ personId: org.member, share: 60 }, { personId: org.lead, share: 40 }],
    });

    const lead = s.call(org.officer, 'people.involvement', { id: org.lead });
    const byTitle = new Map(lead.challenges.map((c) => [c.title, [c.roles, c.claimStatus]]));
    expect(lead.challenges).toHaveLength(2);
    expect(byTitle.get('大坝渗流监测')).toEqual([['leader', 'applicant'], 'selected']);
    expect(byTitle.get('坝肩变形监测')).toEqual([['member'], 'submitted']);
    expect(lead.challenges.find((c) => c.id === led.challengeId)).toMatchObject({ status: 'in_progress', boardId: led.boardId });
    expect(lead.pledges).toHaveLength(1);
    expect(lead.pledges[0]).toMatchObject({ id: led.pledgeId, challengeId: led.challengeId, roles: ['pledger'], signedRoles: ['pledger'], status: 'active' });

    const member = s.call(org.officer, 'people.involvement', { id: org.member });
    expect(member.challenges.map((c) => [c.id, c.roles])).toEqual([[other.challengeId, ['applicant']]]);
    expect(member.pledges).toEqual([]);

    // the issuer signed; the witness is named but has not signed
    const officer = s.call(org.officer, 'people.involvement', { id: org.officer });
    expect(officer.pledges[0]).toMatchObject({ roles: ['issuer'], signedRoles: ['issuer'] });
    expect(officer.challenges).toEqual([]);
    const witness = s.call(org.officer, 'people.involvement', { id: org.witness });
    expect(witness.pledges[0]).toMatchObject({ roles: ['witness'], signedRoles: [], challengeTitle: '大坝渗流监测' });
  });

  it('a supervisor sees the pledge they supervise; someone uninvolved sees nothing; an unknown id is NOT_FOUND', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const { challengeId } = publishedChallenge(s, org);
    claimAndAppoint(s, org, challengeId);
    const pledgeId = draftPledge(s, org, challengeId, org.lead, org.supervisor);
    signPledge(s, org, pledgeId);
    const supervisor = s.call(org.lead, 'people.involvement', { id: org.supervisor });
    expect(supervisor.pledges.map((p) => [p.id, p.roles, p.signedRoles, p.status])).toEqual([[pledgeId, ['supervisor'], [], 'partially_signed']]);
    expect(s.call(org.lead, 'people.involvement', { id: org.otherLead })).toEqual({ challenges: [], pledges: [] });
    const missing = s.attempt(org.lead, 'people.involvement', { id: 'nobody' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('NOT_FOUND');
  });

  it('reads without writing a single row or op', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    inProgressChallenge(s, org);
    const before = { changes: s.db.prepare('SELECT total_changes()').pluck().get(), ops: s.db.prepare('SELECT count(*) FROM sync_ops').pluck().get() };
    s.call(org.member, 'people.involvement', { id: org.lead });
    expect(s.db.prepare('SELECT total_changes()').pluck().get()).toBe(before.changes);
    expect(s.db.prepare('SELECT count(*) FROM sync_ops').pluck().get()).toBe(before.ops);
  });
});
