import { describe, expect, it } from 'vitest';
import { makeOrg, openTestStore } from '../support/store';
import { createBoard, createChallenge, deliverMilestones, inProgressChallenge, publishedChallenge } from '../support/flow';

describe('read models: board, search, dashboard, people', () => {
  it('search finds Chinese substrings of 3+ characters through the trigram index, and 1–2 characters by LIKE', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const { challengeId } = inProgressChallenge(s, org, { title: '瓦托水电站大坝安全在线监测' });
    s.call(org.member, 'progress.add', {
      challengeId, date: s.clock.today(), workDone: '完成右岸坝肩多点位移计安装', percent: 55, problems: '海拔四千米缺氧',
      nextSteps: '调试数据采集', safetyNotes: '注意落石',
    });
    const hits = s.call(org.officer, 'search.query', { text: '位移计' });
    expect(hits.map((h) => h.kind)).toEqual(['progress']);
    expect(hits[0]!.challengeId).toBe(challengeId);
    expect(hits[0]!.snippet).toContain('位移计');
    expect(s.call(org.officer, 'search.query', { text: '在线监测' }).map((h) => h.kind)).toEqual(['challenge']);
    expect(s.call(org.officer, 'search.query', { text: '立下军令状' }).map((h) => h.kind)).toEqual(['pledge']);
    // two characters: below the trigram size, served by LIKE
    expect(s.call(org.officer, 'search.query', { text: '落石' }).map((h) => h.kind)).toEqual(['progress']);
    expect(s.call(org.officer, 'search.query', { text: '坝肩 位移计' })).toHaveLength(1);
    expect(s.call(org.officer, 'search.query', { text: '不存在的内容' })).toEqual([]);
    // query syntax is data, not FTS operators
    expect(s.call(org.officer, 'search.query', { text: '"位移计" OR *' })).toEqual([]);
    expect(s.call(org.officer, 'search.query', { text: '100%' })).toEqual([]);
  });

  it('the board view groups by status with lights, overdue and leader names', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const { boardId, challengeId } = inProgressChallenge(s, org);
    s.clock.advanceDays(40); // the first milestone (due in 30 days) is now overdue
    const view = s.call(org.officer, 'boards.view', { id: boardId });
    const card = view.challenges.find((c) => c.id === challengeId)!;
    expect(card.leaderName).toBe('李坝址');
    expect(card.light).toBe('red');
    expect(card.overdue).toBe(true);
    expect(card.overdueMilestones).toBe(1);
    expect(view.countsByStatus).toEqual({ in_progress: 1 });
    const list = s.call(org.officer, 'boards.list', {});
    expect(list[0]!.overdueCount).toBe(1);
    expect(list[0]!.challengeCount).toBe(1);
    deliverMilestones(s, org, challengeId);
    const after = s.call(org.officer, 'boards.view', { id: boardId }).challenges[0]!;
    expect(after.light).toBe('done');
    expect(after.progress).toBe(100);
  });

  it('the dashboard counts by status and category, on-time rate, overdue list and pledge outcomes, per site too', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const a = inProgressChallenge(s, org);
    publishedChallenge(s, org, { siteId: org.platformSiteId });
    s.clock.advanceDays(40);
    const d = s.call(org.officer, 'dashboard.get', {});
    expect(d.byStatus).toEqual({ in_progress: 1, published: 1 });
    expect(d.byCategory).toEqual({ safety: 2 });
    expect(d.overdue.map((o) => o.challengeId)).toEqual([a.challengeId]);
    expect(d.milestones.overdue).toBe(1);
    expect(d.milestones.total).toBe(2);
    expect(d.pledgeOutcomes).toEqual({ active: 1 });
    deliverMilestones(s, org, a.challengeId);
    const after = s.call(org.officer, 'dashboard.get', {});
    // one milestone was delivered late (day 40 of 30), the other on time
    expect(after.milestones.delivered).toBe(2);
    expect(after.milestones.onTimeRate).toBe(0.5);
    const platform = s.call(org.officer, 'dashboard.get', { siteId: org.platformSiteId });
    expect(platform.byStatus).toEqual({ published: 1 });
    expect(platform.overdue).toEqual([]);
  });

  it('a person shows their challenges, pledges and teams; people and teams filter by site', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const { challengeId } = inProgressChallenge(s, org);
    s.call(org.lead, 'teams.create', { name: '坝肩突击队', siteId: org.damSiteId, leaderId: org.lead, memberIds: [org.member], description: '' });
    const me = s.call(org.officer, 'people.get', { id: org.lead });
    expect(me.challenges.map((c) => c.id)).toEqual([challengeId]);
    expect(me.pledges).toHaveLength(1);
    expect(me.teams.map((t) => t.name)).toEqual(['坝肩突击队']);
    expect(s.call(org.officer, 'people.get', { id: org.witness }).pledges).toHaveLength(1);
    expect(s.call(org.officer, 'people.list', { siteId: org.damSiteId }).map((p) => p.name).sort()).toEqual(['吴见证', '李坝址', '赵队员'].sort());
    expect(s.call(org.officer, 'teams.list', { siteId: org.platformSiteId })).toEqual([]);
    // a site lead cannot form a team at another site
    expect(s.attempt(org.lead, 'teams.create', { name: 'x', siteId: org.platformSiteId, leaderId: org.otherLead, memberIds: [], description: '' }).ok).toBe(false);
  });

  it('session and first-run setup', () => {
    const s = openTestStore();
    expect(s.call(null, 'session.get', {}).needsSetup).toBe(true);
    expect(s.attempt(null, 'boards.create', {
      title: 'x', source: 'superior', issuerSiteId: 'nope', periodStart: '2026-01-01', periodEnd: '2026-12-31',
    } as never).ok).toBe(false);
    const org = makeOrg(s);
    expect(s.attempt(org.admin, 'setup.initialize', {
      site: { code: 'HQ2', name: '二号总部', kind: 'hq', linkProfile: 'L0', timeZone: 'Asia/Shanghai' },
      admin: { name: '另一个管理员', post: '', partyMember: false, partyBranch: null },
    }).ok).toBe(false);
    const session = s.call(org.admin, 'session.switchPerson', { personId: org.lead });
    expect(session.person?.name).toBe('李坝址');
    expect(session.site?.name).toBe('瓦托水电站坝址');
    expect(session.needsSetup).toBe(false);
    expect(s.call(org.lead, 'sync.status', {}).pendingOps).toBeGreaterThan(0);
    const boardId = createBoard(s, org);
    const id = createChallenge(s, org, boardId);
    expect(s.call(org.officer, 'challenges.byStatus', { boardId, status: 'draft' }).map((c) => c.id)).toEqual([id]);
  });
});
