import { describe, expect, it } from 'vitest';
import type { Input, MethodName, Output } from '../../main/contract';
import { dispatch } from '../../main/contract/dispatch';
import { ENTITIES, ENTITY_NAMES } from '../../main/db/entities';
import type { Db } from '../../main/db/open';
import { openDatabase } from '../../main/db/open';
import { foundingCaseTitles } from '../../main/demo/content';
import type { DemoSummary } from '../../main/demo/seed';
import { seedDemoData } from '../../main/demo/seed';
import { JiebangError } from '../../main/domain/errors';
import { MILESTONE_STATUSES } from '../../main/domain/machines';
import { currentPersonId } from '../../main/services/org';
import { canonicalStateHash } from '../../main/sync/canonical';
import { OpApplier, readOps } from '../../main/sync/oplog';
import { tempDbFile } from '../support/store';

const NOW = new Date('2026-11-24T08:00:00Z');
const DAY = 86_400_000;

interface Seeded {
  db: Db;
  summary: DemoSummary;
  /** calls the contract as the device's current person (the HQ officer the seed leaves behind) */
  call<M extends MethodName>(method: M, input: Input<M>): Output<M>;
  attempt(method: MethodName, input: unknown): ReturnType<typeof dispatch>;
  challengeId(title: string): string;
}

function seed(now = NOW): Seeded {
  const db = openDatabase(tempDbFile());
  const summary = seedDemoData(db, { now: () => now });
  const ctx = { db, actorId: null as string | null, now: () => now };
  ctx.actorId = currentPersonId(ctx);
  const attempt = (method: MethodName, input: unknown) => dispatch(ctx, method, input);
  return {
    db,
    summary,
    attempt,
    call: ((method: MethodName, input: unknown) => {
      const result = attempt(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value;
    }) as Seeded['call'],
    challengeId: (title) => db.prepare('SELECT id FROM challenges WHERE title = ?').pluck().get(title) as string,
  };
}

const [GLP, PIPE, VR, DAM] = foundingCaseTitles() as [string, string, string, string];

describe('the demo data set, seeded through the contract into a real SQLite file', () => {
  it('tells the four founding cases in the states of the article', () => {
    const s = seed();
    expect(s.summary.caseTitles).toEqual([GLP, PIPE, VR, DAM]);
    expect(GLP).toContain('GLP');
    expect(PIPE).toContain('3500');
    expect(VR).toContain('VR');
    expect(DAM).toContain('DL/T 2096');

    // 浩洋股份: accepted, assessed 优秀 / 达成, promoted to a 典型案例; the team of 5 party members
    const glp = s.call('challenges.get', { id: s.challengeId(GLP) });
    expect(glp.challenge.status).toBe('assessed');
    expect(glp.acceptances.map((a) => a.decision)).toEqual(['passed']);
    expect(glp.assessments[0]).toMatchObject({ grade: 'excellent', pledgeOutcome: 'fulfilled' });
    expect(glp.pledges[0]?.status).toBe('fulfilled');
    expect(glp.case?.title).toContain('光之踪迹');
    expect(glp.people[glp.challenge.leaderId!]).toBe('张慧春');
    const team = s.call('teams.list', {}).find((t) => t.name.includes('光之踪迹'))!;
    const members = team.memberIds.map((id) => s.call('people.get', { id }).person);
    expect(members).toHaveLength(5);
    expect(members.every((p) => p.partyMember)).toBe(true);

    // 珠江钢管: three 子榜 in different states; the parent cannot be accepted before its 子榜
    const pipe = s.call('challenges.get', { id: s.challengeId(PIPE) });
    expect(pipe.challenge.status).toBe('in_progress');
    expect(pipe.people[pipe.challenge.leaderId!]).toBe('黄克坚');
    expect(pipe.children.map((c) => c.title.slice(0, 2))).toEqual(['成型', '焊接', '无损']);
    expect(pipe.children.map((c) => c.status)).toEqual(['accepted', 'in_progress', 'acceptance_requested']);
    const refused = s.attempt('acceptance.decide', { challengeId: pipe.challenge.id, decision: 'passed' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('子榜尚未通过验收');
    expect(pipe.pledges.map((p) => [p.version, p.status])).toEqual([[1, 'superseded'], [2, 'active']]);

    // 广州卓远: a 赛马 with two selected claims, one eliminated at the mid-term review
    const vr = s.call('challenges.get', { id: s.challengeId(VR) });
    expect(vr.challenge.teamMode).toBe('horse_race');
    expect(vr.people[vr.challenge.leaderId!]).toBe('姜军毅');
    expect(vr.claims.map((k) => k.status).sort()).toEqual(['eliminated', 'not_selected', 'selected']);
    expect(vr.appointments).toHaveLength(2);
    expect(vr.pledges.map((p) => p.status).sort()).toEqual(['abandoned', 'active']);
    expect(vr.timeline.map((e) => e.action)).toContain('claim.eliminate');

    // 吉华股份: in progress at the 4,000 m dam site, milestones in every state, some overdue
    const dam = s.call('challenges.get', { id: s.challengeId(DAM) });
    expect(dam.challenge.status).toBe('in_progress');
    const site = s.call('sites.list', {}).find((x) => x.id === dam.challenge.siteId)!;
    expect(site.name).toContain('4000');
    expect(['L3', 'L6']).toContain(site.linkProfile);
    expect(site.timeZone).toBe('Asia/Shanghai');
    const live = dam.milestones.filter((m) => m.pledgeStatus === 'active');
    expect(live).toHaveLength(9);
    expect(new Set(live.map((m) => m.status))).toEqual(new Set(MILESTONE_STATUSES));
    expect(live.filter((m) => m.overdue).length).toBeGreaterThanOrEqual(1);
    expect(live.some((m) => m.light === 'yellow')).toBe(true);
    const log = s.call('progress.list', { challengeId: dam.challenge.id, limit: 500 });
    expect(log.length).toBeGreaterThanOrEqual(20);
    expect(log.every((e) => e.siteId === site.id)).toBe(true);
    const safety = log.map((e) => e.safetyNotes).join('');
    for (const word of ['高海拔', '落石', '低温']) expect(safety).toContain(word);
  });

  it('shows the other states too: draft, withdrawn, 流标, rework, suspended, claims waiting, a pledge waiting for HQ', () => {
    const s = seed();
    const statuses = new Set(s.db.prepare('SELECT status FROM challenges').pluck().all());
    for (const status of ['draft', 'published', 'appointed', 'in_progress', 'suspended', 'acceptance_requested', 'rework', 'accepted', 'assessed', 'withdrawn', 'failed']) {
      expect(statuses, status).toContain(status);
    }
    const boards = s.call('boards.list', {});
    expect(boards.map((b) => b.source).sort()).toEqual(['enterprise', 'grassroots', 'superior']);
    expect(boards.map((b) => b.status).sort()).toEqual(['draft', 'published', 'published']);

    const waiting = s.db.prepare("SELECT id FROM challenges WHERE status = 'published'").pluck().get() as string;
    expect(s.call('challenges.get', { id: waiting }).claims.map((k) => k.status).sort()).toEqual(['shortlisted', 'submitted']);

    const partial = s.db.prepare("SELECT id FROM pledges WHERE status = 'partially_signed'").pluck().get() as string;
    const pledge = s.call('pledges.get', { id: partial });
    expect(pledge.signatures.map((x) => x.partyRole).sort()).toEqual(['pledger', 'supervisor']);
    expect(pledge.missingSignatures.map((m) => m.role)).toEqual(['issuer']);

    for (const p of s.db.prepare("SELECT id FROM pledges WHERE status IN ('active','fulfilled')").pluck().all() as string[]) {
      const detail = s.call('pledges.get', { id: p });
      expect(detail.pledge.text).toMatch(/立状人.+向.+立下军令状/s);
      expect(detail.intact).toBe(true);
      expect(detail.missingSignatures).toEqual([]);
    }

    const me = s.call('session.get', {});
    expect(me.person?.roles).toContain('hq_officer');
    expect(s.summary.boards).toBe(3);
    expect(s.summary.challenges + s.summary.subChallenges).toBe(s.db.prepare('SELECT count(*) FROM challenges').pluck().get());
    expect(s.summary.subChallenges).toBe(3);
    expect(s.summary.cases).toBe(1);
    expect(s.summary.overdueMilestones).toBeGreaterThanOrEqual(1);
    expect(s.summary.yellowMilestones).toBeGreaterThanOrEqual(1);
  });

  it('gives every replicated row its ops and every challenge its events, so the op log rebuilds the state', () => {
    const s = seed();
    for (const entity of ENTITY_NAMES) {
      const orphans = s.db
        .prepare(`SELECT count(*) FROM ${ENTITIES[entity].table} WHERE id NOT IN (SELECT row_id FROM sync_ops WHERE entity = ?)`)
        .pluck()
        .get(entity) as number;
      expect(orphans, entity).toBe(0);
    }
    const silent = s.db.prepare('SELECT count(*) FROM challenges c WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.challenge_id = c.id)').pluck().get();
    expect(silent).toBe(0);

    const replay = openDatabase(tempDbFile('replay.sqlite'));
    replay.transaction(() => new OpApplier(replay).apply(readOps(s.db)))();
    expect(canonicalStateHash(replay)).toBe(canonicalStateHash(s.db));
  });

  it('walks the clock from about ten months ago to yesterday, in the order things happened', () => {
    const s = seed();
    const events = s.db.prepare('SELECT at FROM events ORDER BY hlc').pluck().all() as string[];
    const first = Date.parse(events[0]!);
    const last = Date.parse(events.at(-1)!);
    expect((NOW.getTime() - first) / DAY).toBeGreaterThan(280);
    expect((NOW.getTime() - first) / DAY).toBeLessThan(320);
    expect(last).toBeLessThan(NOW.getTime());
    expect([...events].sort()).toEqual(events);
  });

  it('in summer plans the dam’s National Day sprint instead, still with every milestone state and some overdue', () => {
    const s = seed(new Date('2027-08-15T03:00:00Z'));
    expect(s.summary.nationalDaySprint).toBe('planned');
    const dam = s.call('challenges.get', { id: s.challengeId(DAM) });
    const live = dam.milestones.filter((m) => m.pledgeStatus === 'active');
    expect(new Set(live.map((m) => m.status))).toEqual(new Set(MILESTONE_STATUSES));
    expect(live.some((m) => m.overdue)).toBe(true);
    const sprint = live.find((m) => m.title.startsWith('国庆冲刺'))!;
    expect(sprint.status).toBe('planned');
    expect(sprint.dueDate > '2027-08-15').toBe(true);
  });

  it('refuses to seed a database that already has people, and changes nothing', () => {
    const s = seed();
    const before = canonicalStateHash(s.db);
    const ops = s.db.prepare('SELECT count(*) FROM sync_ops').pluck().get();
    expect(() => seedDemoData(s.db, { now: () => NOW })).toThrow(JiebangError);
    try {
      seedDemoData(s.db, { now: () => NOW });
    } catch (err) {
      expect((err as JiebangError).code).toBe('RULE');
      expect((err as JiebangError).messageZh).toContain('空数据库');
    }
    expect(canonicalStateHash(s.db)).toBe(before);
    expect(s.db.prepare('SELECT count(*) FROM sync_ops').pluck().get()).toBe(ops);
  });
});
