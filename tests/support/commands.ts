import fc from 'fast-check';
import type { MethodName } from '../../main/contract';
import type { Org, TestStore } from './store';

/**
 * Random service calls for property tests: `command` picks a method and a fitting row (mostly one
 * in a state where the call applies, sometimes any row, to exercise refusals); `advance` pushes one
 * challenge a step along its life cycle as the person whose step it is.
 */
export type Step = { kind: number; a: number; b: number; c: number };
export const step = fc.record({ kind: fc.nat(64), a: fc.nat(50), b: fc.nat(50), c: fc.nat(50) });

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
export const ids = (s: TestStore, sql: string): string[] => s.db.prepare(sql).pluck().all() as string[];

export type Command = [string | null, MethodName, unknown];

/** The next step of one challenge's life cycle, by the person whose step it is: gives the sequences depth. */
export function advance(s: TestStore, org: Org, challengeId: string, st: Step): Command | null {
  const one = <T>(sql: string, ...args: unknown[]) => s.db.prepare(sql).get(...args) as T | undefined;
  const c = one<{ status: string; leader_id: string | null }>('SELECT status, leader_id FROM challenges WHERE id = ?', challengeId)!;
  switch (c.status) {
    case 'draft':
      return [org.officer, 'challenges.publish', { id: challengeId }];
    case 'published': {
      const claim = one<{ id: string; status: string; applicant_id: string }>(
        "SELECT id, status, applicant_id FROM claims WHERE challenge_id = ? AND status IN ('submitted','shortlisted','selected') ORDER BY rowid", challengeId);
      if (!claim) return [st.b % 2 ? org.lead : org.otherLead, 'claims.submit', { challengeId, teamId: null, plan: '方案', members: [] }];
      if (claim.status !== 'selected') return [org.officer, 'claims.select', { id: claim.id }];
      return [org.officer, 'appointments.appoint', { claimId: claim.id, leaderId: claim.applicant_id }];
    }
    case 'appointed': {
      const p = one<{ id: string; status: string; pledger_id: string; issuer_id: string }>(
        "SELECT id, status, pledger_id, issuer_id FROM pledges WHERE challenge_id = ? AND status NOT IN ('voided') ORDER BY rowid", challengeId);
      if (!p) {
        return [org.officer, 'pledges.draft', {
          challengeId, number: '', title: '军令状', text: '立状人向集团立下军令状', pledgerId: c.leader_id, issuerId: org.officer,
          supervisorId: null, deadline: s.clock.today(150), commitments: [{ kpi: '在线率', target: '99', unit: '%' }],
          milestones: [{ title: '节点一', dueDate: s.clock.today(st.b - 20) }, { title: '节点二', dueDate: s.clock.today(st.b) }],
        }];
      }
      if (p.status === 'draft') return [org.officer, 'pledges.submit', { id: p.id }];
      const signed = s.db.prepare('SELECT party_role FROM signatures WHERE pledge_id = ?').pluck().all(p.id) as string[];
      return signed.includes('pledger') ? [p.issuer_id, 'pledges.sign', { id: p.id, role: 'issuer' }] : [p.pledger_id, 'pledges.sign', { id: p.id, role: 'pledger' }];
    }
    case 'pledged':
      return [org.officer, 'challenges.start', { id: challengeId }];
    case 'in_progress': {
      const m = one<{ id: string; status: string }>(
        "SELECT m.id, m.status FROM milestones m JOIN pledges p ON p.id = m.pledge_id WHERE m.challenge_id = ? AND p.status = 'active' AND m.status != 'verified' ORDER BY m.seq", challengeId);
      if (!m) return [org.officer, 'acceptance.request', { challengeId, requestNote: '' }];
      return m.status === 'reported' ? [org.officer, st.b % 4 ? 'milestones.verify' : 'milestones.reject', { id: m.id, reason: '补充材料' }] : [org.officer, 'milestones.report', { id: m.id, note: '完成' }];
    }
    case 'acceptance_requested':
      return [org.officer, 'acceptance.decide', { challengeId, decision: pick(['passed', 'passed', 'rework', 'failed'] as const, st.b), note: '' }];
    case 'rework':
    case 'suspended':
      return [org.officer, 'challenges.resume', { id: challengeId }];
    case 'accepted':
    case 'not_accepted':
      return [org.officer, 'assessments.assess', { challengeId, score: 80, grade: 'good', pledgeOutcome: c.status === 'accepted' ? 'fulfilled' : 'unfulfilled', rewardsApplied: '', penaltiesApplied: '', note: '' }];
    case 'assessed':
      return st.b % 2
        ? [org.officer, 'cases.promote', { challengeId, title: '案例', problem: '问题', solution: '方案', results: '成效', tags: [] }]
        : [org.officer, 'challenges.archive', { id: challengeId }];
    default:
      return null;
  }
}

export function command(s: TestStore, org: Org, st: Step): Command | null {
  if (st.kind >= 30) {
    // half the time keep pushing the newest unfinished 子榜 or challenge, so some reach the end of the life cycle
    const open = ids(s, "SELECT id FROM challenges WHERE status NOT IN ('archived','withdrawn','failed','terminated') ORDER BY parent_id IS NULL, rowid DESC");
    const target = st.c % 2 ? open[0] : pick(ids(s, 'SELECT id FROM challenges ORDER BY rowid'), st.a);
    return target ? advance(s, org, target, st) : null;
  }
  const people = [org.officer, org.lead, org.member, org.otherLead, org.supervisor, org.witness, org.admin];
  const anyone = pick(people, st.c)!;
  const boards = ids(s, 'SELECT id FROM boards ORDER BY rowid');
  const challenges = ids(s, 'SELECT id FROM challenges ORDER BY rowid');
  const claims = ids(s, 'SELECT id FROM claims ORDER BY rowid');
  const pledges = ids(s, 'SELECT id FROM pledges ORDER BY rowid');
  const milestones = ids(s, 'SELECT id FROM milestones ORDER BY rowid');
  // mostly pick a row in a state where the command applies, sometimes any row (to exercise refusals)
  const biased = (all: string[], sql: string): string | undefined => {
    if (st.c % 6 === 0) return pick(all, st.a);
    return pick(ids(s, sql), st.a) ?? pick(all, st.a);
  };
  const board = pick(boards, st.a);
  const inStatus = (statuses: string) => biased(challenges, `SELECT id FROM challenges WHERE status IN (${statuses}) ORDER BY rowid`);
  const claimIn = (statuses: string) => biased(claims, `SELECT id FROM claims WHERE status IN (${statuses}) ORDER BY rowid`);
  const pledgeIn = (statuses: string) => biased(pledges, `SELECT id FROM pledges WHERE status IN (${statuses}) ORDER BY rowid`);
  const milestoneIn = (statuses: string) =>
    biased(milestones, `SELECT m.id FROM milestones m JOIN pledges p ON p.id = m.pledge_id WHERE p.status IN ('signed','active') AND m.status IN (${statuses}) ORDER BY m.rowid`);
  const challenge = pick(challenges, st.a);
  const hq = st.c % 5 === 0 ? anyone : org.officer;
  const site = st.c % 5 === 0 ? anyone : st.b % 2 ? org.lead : org.member;
  const day = (d: number) => s.clock.today(d);
  switch (st.kind) {
    case 0:
      return [hq, 'boards.create', { title: `榜单${st.b}`, source: 'superior', issuerSiteId: org.hqSiteId, periodStart: day(0), periodEnd: day(300) }];
    case 1:
      return board ? [hq, 'boards.publish', { id: board }] : null;
    case 2:
    case 3:
      return board
        ? [hq, 'challenges.create', {
            boardId: board, parentId: st.kind === 3 ? (pick(challenges, st.b) ?? null) : null, code: '', title: `榜题${st.b}`,
            category: 'safety', deadline: day(100 + st.b), teamMode: st.b % 4 === 0 ? 'horse_race' : 'solo', required: st.c % 3 > 0,
            siteId: st.c % 2 ? org.damSiteId : null, kpis: [{ name: '在线率', target: '99', unit: '%' }],
          }]
        : null;
    case 4: {
      const c = inStatus("'draft'");
      return c ? [hq, 'challenges.publish', { id: c }] : null;
    }
    case 5: {
      const c = inStatus("'published'");
      return c ? [pick([org.lead, org.otherLead, org.member], st.b)!, 'claims.submit', { challengeId: c, teamId: null, plan: `方案${st.b}`, members: [] }] : null;
    }
    case 6: {
      const k = claimIn("'submitted'");
      return k ? [hq, 'claims.shortlist', { id: k }] : null;
    }
    case 7: {
      const k = claimIn("'submitted','shortlisted'");
      return k ? [hq, 'claims.select', { id: k }] : null;
    }
    case 8: {
      const k = claimIn("'selected'");
      if (!k) return null;
      const applicant = s.db.prepare('SELECT applicant_id FROM claims WHERE id = ?').pluck().get(k) as string;
      return [hq, 'appointments.appoint', { claimId: k, leaderId: applicant }];
    }
    case 9: {
      const c = inStatus("'appointed'");
      if (!c) return null;
      const leader = (s.db.prepare('SELECT leader_id FROM appointments WHERE challenge_id = ?').pluck().get(c) as string | undefined) ?? org.lead;
      return [hq, 'pledges.draft', {
        challengeId: c, number: '', title: '军令状', text: `立状人向集团立下军令状 ${st.b}`, pledgerId: leader,
        issuerId: org.officer, supervisorId: st.b % 2 ? org.supervisor : null, deadline: day(150),
        commitments: [{ kpi: '在线率', target: '99', unit: '%' }], witnessIds: st.c % 2 ? [org.witness] : [],
        milestones: [{ title: '节点一', dueDate: day(st.b - 10) }, { title: '节点二', dueDate: day(st.b + 20) }],
      }];
    }
    case 10: {
      const p = pledgeIn("'draft'");
      return p ? [hq, 'pledges.submit', { id: p }] : null;
    }
    case 11: {
      const pledgeId = pledgeIn("'ready_to_sign','partially_signed'");
      if (!pledgeId) return null;
      const p = s.db.prepare('SELECT pledger_id, issuer_id, supervisor_id, witness_ids FROM pledges WHERE id = ?').get(pledgeId) as Record<string, string>;
      const roles = [['pledger', p.pledger_id], ['issuer', p.issuer_id], ['supervisor', p.supervisor_id ?? org.supervisor], ['witness', org.witness]] as const;
      const [role, who] = pick(roles, st.b)!;
      return [st.c % 7 === 0 ? anyone : (who ?? org.supervisor), 'pledges.sign', { id: pledgeId, role }];
    }
    case 12: {
      const c = inStatus("'pledged'");
      return c ? [site, 'challenges.start', { id: c }] : null;
    }
    case 13: {
      const c = inStatus("'in_progress','appointed','rework'");
      return c ? [site, 'progress.add', { challengeId: c, date: day(0), workDone: `完成工作${st.b}`, percent: st.b * 2, problems: '', nextSteps: '', safetyNotes: '' }] : null;
    }
    case 14: {
      const m = milestoneIn("'planned','in_progress','rejected'");
      return m ? [site, 'milestones.report', { id: m, note: '已完成' }] : null;
    }
    case 15: {
      const m = milestoneIn("'reported'");
      return m ? [st.b % 2 ? hq : org.supervisor, 'milestones.verify', { id: m }] : null;
    }
    case 16: {
      const m = milestoneIn("'reported'");
      return m ? [hq, 'milestones.reject', { id: m, reason: '资料不全' }] : null;
    }
    case 17: {
      const c = inStatus("'in_progress'");
      return c ? [site, 'acceptance.request', { challengeId: c, requestNote: '' }] : null;
    }
    case 18: {
      const c = inStatus("'acceptance_requested'");
      return c ? [hq, 'acceptance.decide', { challengeId: c, decision: pick(['passed', 'rework', 'failed'] as const, st.b), note: '' }] : null;
    }
    case 19: {
      const c = inStatus("'accepted','not_accepted'");
      return c ? [hq, 'assessments.assess', { challengeId: c, score: st.b * 2, grade: pick(['excellent', 'good', 'pass', 'fail'] as const, st.b), pledgeOutcome: pick(['fulfilled', 'partially_fulfilled', 'unfulfilled_excused', 'unfulfilled'] as const, st.c), rewardsApplied: '', penaltiesApplied: '', note: '' }] : null;
    }
    case 20: {
      const p = pledgeIn("'signed','active'");
      return p ? [pick([org.lead, org.officer], st.b)!, 'pledges.amend', { id: p, reason: '调整节点' }] : null;
    }
    case 21:
      return challenge ? [hq, 'challenges.update', { id: challenge, title: `改名${st.b}`, reward: `奖励${st.c}` }] : null;
    case 22:
      return board ? [hq, 'boards.update', { id: board, description: `说明${st.b}` }] : null;
    case 23:
      return challenge ? [hq, pick(['challenges.withdraw', 'challenges.fail', 'challenges.terminate', 'challenges.suspend'] as const, st.b)!, { id: challenge, reason: '调整' }] : null;
    case 24: {
      const c = inStatus("'suspended','rework'");
      return c ? [site, 'challenges.resume', { id: c }] : null;
    }
    case 25: {
      const k = claimIn("'submitted','shortlisted','selected'");
      return k ? [pick([org.lead, org.otherLead, org.officer], st.b)!, pick(['claims.withdraw', 'claims.reject', 'claims.eliminate'] as const, st.c)!, { id: k, reason: '理由' }] : null;
    }
    case 26: {
      const p = pledgeIn("'draft'");
      return p ? [hq, 'pledges.update', { id: p, text: `修改文本${st.b}`, deadline: day(st.b + 60) }] : null;
    }
    case 27: {
      const m = milestoneIn("'planned','rejected'");
      return m ? [site, 'milestones.start', { id: m }] : null;
    }
    case 28:
      return [org.admin, 'teams.create', { name: `突击队${st.b}`, siteId: org.damSiteId, leaderId: org.lead, memberIds: [org.member], description: '' }];
    default: {
      const c = inStatus("'assessed'");
      return c ? [hq, 'cases.promote', { challengeId: c, title: '案例', problem: '问题', solution: '方案', results: '成效', tags: ['示范'] }] : null;
    }
  }
}

