import { createHash } from 'node:crypto';
import type { Commitment, Milestone, Pledge } from './entities';
import type { PartyRole } from './vocabulary';

/** What a signature covers: the pledge's content and its planned milestones, canonically serialised. */
export interface PledgeContent {
  challengeId: string;
  version: number;
  number: string;
  title: string;
  text: string;
  commitments: readonly Commitment[];
  rewards: readonly string[];
  penalties: readonly string[];
  exemptions: readonly string[];
  pledgerId: string;
  issuerId: string;
  supervisorId: string | null;
  witnessIds: readonly string[];
  deadline: string;
  milestones: readonly Pick<Milestone, 'seq' | 'title' | 'dueDate' | 'deliverable' | 'evidenceRequired'>[];
}

/** JSON with object keys sorted at every level, so the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function pledgeContent(pledge: Pledge, milestones: readonly Milestone[]): PledgeContent {
  return {
    challengeId: pledge.challengeId,
    version: pledge.version,
    number: pledge.number,
    title: pledge.title,
    text: pledge.text,
    commitments: pledge.commitments.map((c) => ({ kpi: c.kpi, target: c.target, unit: c.unit })),
    rewards: pledge.rewards,
    penalties: pledge.penalties,
    exemptions: pledge.exemptions,
    pledgerId: pledge.pledgerId,
    issuerId: pledge.issuerId,
    supervisorId: pledge.supervisorId,
    witnessIds: pledge.witnessIds,
    deadline: pledge.deadline,
    milestones: [...milestones]
      .sort((a, b) => a.seq - b.seq)
      .map((m) => ({ seq: m.seq, title: m.title, dueDate: m.dueDate, deliverable: m.deliverable, evidenceRequired: m.evidenceRequired })),
  };
}

export function pledgeTextHash(content: PledgeContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The parties whose signatures make a pledge signed: 立状人, 发令方 and, when named, 监督人. Witnesses are optional. */
export function requiredParties(pledge: Pick<Pledge, 'pledgerId' | 'issuerId' | 'supervisorId'>): { role: PartyRole; personId: string }[] {
  const parties: { role: PartyRole; personId: string }[] = [
    { role: 'pledger', personId: pledge.pledgerId },
    { role: 'issuer', personId: pledge.issuerId },
  ];
  if (pledge.supervisorId) parties.push({ role: 'supervisor', personId: pledge.supervisorId });
  return parties;
}

/** The person a party role names on this pledge (witness: any of the witnesses). */
export function isNamedParty(pledge: Pick<Pledge, 'pledgerId' | 'issuerId' | 'supervisorId' | 'witnessIds'>, role: PartyRole, personId: string): boolean {
  switch (role) {
    case 'pledger':
      return pledge.pledgerId === personId;
    case 'issuer':
      return pledge.issuerId === personId;
    case 'supervisor':
      return pledge.supervisorId === personId;
    case 'witness':
      return pledge.witnessIds.includes(personId);
  }
}
