import type { ParsedInput } from '../contract';
import type { Challenge } from '../domain/entities';
import type { ChallengeStatus, ClaimStatus, PledgeStatus } from '../domain/machines';
import type { PartyRole } from '../domain/vocabulary';
import type { ServiceContext } from './context';
import { load } from './read';

/** How a person takes part in a challenge: appointed leader, applicant of a claim, or member named in one. */
export type ChallengeRole = 'leader' | 'applicant' | 'member';

export interface InvolvedChallenge {
  id: string;
  boardId: string;
  parentId: string | null;
  code: string;
  title: string;
  category: Challenge['category'];
  status: ChallengeStatus;
  deadline: string;
  roles: ChallengeRole[];
  /** the status of this person's latest claim on it (as applicant or member), if any */
  claimStatus: ClaimStatus | null;
}

export interface InvolvedPledge {
  id: string;
  challengeId: string;
  challengeCode: string;
  challengeTitle: string;
  number: string;
  title: string;
  version: number;
  status: PledgeStatus;
  deadline: string;
  /** the parties this person is named as, in the order of PARTY_ROLES */
  roles: PartyRole[];
  /** the parties this person has signed as */
  signedRoles: PartyRole[];
}

const ROLE_ORDER: readonly ChallengeRole[] = ['leader', 'applicant', 'member'];
const PARTY_ORDER: readonly PartyRole[] = ['pledger', 'issuer', 'supervisor', 'witness'];

/**
 * Read-only: every challenge a person leads or claimed (as applicant or member) and every 军令状
 * naming them, each with the roles they hold — for the person page.
 */
export function peopleInvolvement(ctx: ServiceContext, input: ParsedInput<'people.involvement'>): { challenges: InvolvedChallenge[]; pledges: InvolvedPledge[] } {
  const person = load(ctx, 'person', input.id);
  const roles = new Map<string, Set<ChallengeRole>>();
  const claimStatus = new Map<string, ClaimStatus>();
  const add = (challengeId: string, role: ChallengeRole) => {
    const set = roles.get(challengeId) ?? new Set<ChallengeRole>();
    set.add(role);
    roles.set(challengeId, set);
  };

  const led = ctx.db.prepare('SELECT id FROM challenges WHERE leader_id = ?').pluck().all(person.id) as string[];
  for (const id of led) add(id, 'leader');

  const claims = ctx.db
    .prepare(
      `SELECT k.challenge_id, k.status, k.applicant_id = @p AS applicant,
              EXISTS (SELECT 1 FROM json_each(k.members) WHERE json_extract(value, '$.personId') = @p) AS member
       FROM claims k
       WHERE k.applicant_id = @p OR EXISTS (SELECT 1 FROM json_each(k.members) WHERE json_extract(value, '$.personId') = @p)
       ORDER BY k.submitted_at, k.rowid`,
    )
    .all({ p: person.id }) as { challenge_id: string; status: ClaimStatus; applicant: number; member: number }[];
  for (const k of claims) {
    if (k.applicant) add(k.challenge_id, 'applicant');
    if (k.member && !k.applicant) add(k.challenge_id, 'member');
    claimStatus.set(k.challenge_id, k.status); // ordered by time: the latest wins
  }

  const ids = [...roles.keys()];
  const challengeRows = ids.length === 0
    ? []
    : (ctx.db
        .prepare(
          `SELECT id, board_id, parent_id, code, title, category, status, deadline FROM challenges
           WHERE id IN (SELECT value FROM json_each(?)) ORDER BY code, title`,
        )
        .all(JSON.stringify(ids)) as {
        id: string; board_id: string; parent_id: string | null; code: string; title: string;
        category: Challenge['category']; status: ChallengeStatus; deadline: string;
      }[]);
  const challenges = challengeRows.map((c) => ({
    id: c.id, boardId: c.board_id, parentId: c.parent_id, code: c.code, title: c.title, category: c.category,
    status: c.status, deadline: c.deadline,
    roles: ROLE_ORDER.filter((r) => roles.get(c.id)?.has(r)),
    claimStatus: claimStatus.get(c.id) ?? null,
  }));

  const pledgeRows = ctx.db
    .prepare(
      `SELECT pl.id, pl.challenge_id, c.code AS challenge_code, c.title AS challenge_title, pl.number, pl.title, pl.version,
              pl.status, pl.deadline, pl.pledger_id = @p AS pledger, pl.issuer_id = @p AS issuer,
              coalesce(pl.supervisor_id = @p, 0) AS supervisor,
              EXISTS (SELECT 1 FROM json_each(pl.witness_ids) WHERE value = @p) AS witness
       FROM pledges pl JOIN challenges c ON c.id = pl.challenge_id
       WHERE pl.pledger_id = @p OR pl.issuer_id = @p OR pl.supervisor_id = @p
          OR EXISTS (SELECT 1 FROM json_each(pl.witness_ids) WHERE value = @p)
       ORDER BY pl.number, pl.version`,
    )
    .all({ p: person.id }) as {
    id: string; challenge_id: string; challenge_code: string; challenge_title: string; number: string; title: string;
    version: number; status: PledgeStatus; deadline: string; pledger: number; issuer: number; supervisor: number; witness: number;
  }[];
  const signed = new Map<string, Set<PartyRole>>();
  for (const s of ctx.db.prepare('SELECT pledge_id, party_role FROM signatures WHERE person_id = ?').all(person.id) as { pledge_id: string; party_role: PartyRole }[]) {
    const set = signed.get(s.pledge_id) ?? new Set<PartyRole>();
    set.add(s.party_role);
    signed.set(s.pledge_id, set);
  }
  const pledges = pledgeRows.map((p) => ({
    id: p.id, challengeId: p.challenge_id, challengeCode: p.challenge_code, challengeTitle: p.challenge_title,
    number: p.number, title: p.title, version: p.version, status: p.status, deadline: p.deadline,
    roles: PARTY_ORDER.filter((r) => p[r] === 1),
    signedRoles: PARTY_ORDER.filter((r) => signed.get(p.id)?.has(r)),
  }));
  return { challenges, pledges };
}
