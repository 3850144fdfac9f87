import { z } from 'zod';
import {
  ACCEPTANCE_DECISIONS, BOARD_SOURCES, BOARD_STATUSES, CATEGORIES, GRADES, LINK_PROFILES, PARTY_ROLES,
  PLEDGE_OUTCOMES, ROLES, SITE_KINDS, TEAM_MODES,
} from './vocabulary';
import { CHALLENGE_STATUSES, CLAIM_STATUSES, MILESTONE_STATUSES, PLEDGE_STATUSES } from './machines';

/** The entities of DESIGN.md §1 as zod schemas; field names match the database columns in camelCase. */
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'id: letters, digits, _ and - only');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD');
export const isoTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max);
const name = z.string().trim().min(1).max(200);

export const kpiSchema = z.object({
  name,
  baseline: text(100).default(''),
  target: text(100),
  unit: text(40).default(''),
  method: text(500).default(''),
  current: text(100).optional(),
});
export type Kpi = z.infer<typeof kpiSchema>;

export const siteSchema = z.object({
  id,
  code: text(40).min(1),
  name,
  kind: z.enum(SITE_KINDS),
  linkProfile: z.enum(LINK_PROFILES),
  timeZone: text(64).min(1),
  createdAt: isoTime,
});
export type Site = z.infer<typeof siteSchema>;

export const personSchema = z.object({
  id,
  name,
  siteId: id,
  post: text(100).default(''),
  partyMember: z.boolean().default(false),
  partyBranch: text(100).nullable().default(null),
  roles: z.array(z.enum(ROLES)).min(1),
  active: z.boolean().default(true),
  createdAt: isoTime,
});
export type Person = z.infer<typeof personSchema>;

export const teamSchema = z.object({
  id,
  name,
  siteId: id,
  leaderId: id,
  memberIds: z.array(id).max(500),
  description: text(2000).default(''),
  createdAt: isoTime,
});
export type Team = z.infer<typeof teamSchema>;

export const boardSchema = z.object({
  id,
  title: name,
  source: z.enum(BOARD_SOURCES),
  issuerSiteId: id,
  issuerId: id,
  description: text(5000).default(''),
  rules: text(5000).default(''),
  process: text(5000).default(''),
  assessmentStandard: text(5000).default(''),
  periodStart: isoDate,
  periodEnd: isoDate,
  status: z.enum(BOARD_STATUSES),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Board = z.infer<typeof boardSchema>;

export const challengeSchema = z.object({
  id,
  boardId: id,
  parentId: id.nullable(),
  code: text(40),
  title: name,
  category: z.enum(CATEGORIES),
  background: text(10000).default(''),
  kpis: z.array(kpiSchema).max(50),
  eligibility: text(5000).default(''),
  acceptanceCriteria: text(5000).default(''),
  reward: text(2000).default(''),
  deadline: isoDate,
  teamMode: z.enum(TEAM_MODES),
  /** a 子榜 that must be accepted before its parent can be */
  required: z.boolean().default(true),
  siteId: id.nullable(),
  leaderId: id.nullable(),
  status: z.enum(CHALLENGE_STATUSES),
  statusReason: text(2000).nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Challenge = z.infer<typeof challengeSchema>;

export const claimMemberSchema = z.object({ personId: id, share: z.number().min(0).max(100) });
export const claimSchema = z.object({
  id,
  challengeId: id,
  applicantId: id,
  teamId: id.nullable(),
  plan: text(10000).min(1),
  members: z.array(claimMemberSchema).max(500),
  status: z.enum(CLAIM_STATUSES),
  statusReason: text(2000).nullable(),
  submittedAt: isoTime,
});
export type Claim = z.infer<typeof claimSchema>;

export const appointmentSchema = z.object({
  id,
  challengeId: id,
  claimId: id,
  leaderId: id,
  decidedBy: id,
  decidedAt: isoTime,
  publicityStart: isoDate.nullable(),
  publicityEnd: isoDate.nullable(),
  note: text(2000).default(''),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const commitmentSchema = z.object({ kpi: name, target: text(100).min(1), unit: text(40).default('') });
export type Commitment = z.infer<typeof commitmentSchema>;

export const pledgeSchema = z.object({
  id,
  challengeId: id,
  appointmentId: id.nullable(),
  version: z.number().int().min(1),
  supersedesId: id.nullable(),
  number: text(60),
  title: name,
  text: text(20000).min(1),
  commitments: z.array(commitmentSchema).max(50),
  rewards: z.array(text(1000).min(1)).max(50),
  penalties: z.array(text(1000).min(1)).max(50),
  exemptions: z.array(text(1000).min(1)).max(50),
  pledgerId: id,
  issuerId: id,
  supervisorId: id.nullable(),
  witnessIds: z.array(id).max(10),
  deadline: isoDate,
  status: z.enum(PLEDGE_STATUSES),
  textHash: z.string().nullable(),
  amendmentReason: text(2000).nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type Pledge = z.infer<typeof pledgeSchema>;

export const signatureSchema = z.object({
  id,
  pledgeId: id,
  personId: id,
  partyRole: z.enum(PARTY_ROLES),
  signedAt: isoTime,
  replicaId: z.string(),
  siteId: id,
  textHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Signature = z.infer<typeof signatureSchema>;

export const milestoneSchema = z.object({
  id,
  pledgeId: id,
  challengeId: id,
  seq: z.number().int().min(1),
  title: name,
  dueDate: isoDate,
  deliverable: text(2000).default(''),
  evidenceRequired: text(2000).default(''),
  status: z.enum(MILESTONE_STATUSES),
  reportedAt: isoTime.nullable(),
  reportNote: text(5000).nullable(),
  verifiedBy: id.nullable(),
  verifiedAt: isoTime.nullable(),
  rejectReason: text(2000).nullable(),
  /** the milestone of the amended version this one copies (null for a planned one) */
  copiedFromId: id.nullable().default(null),
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const progressEntrySchema = z.object({
  id,
  challengeId: id,
  siteId: id,
  authorId: id,
  date: isoDate,
  workDone: text(10000).min(1),
  percent: z.number().int().min(0).max(100),
  problems: text(5000).default(''),
  nextSteps: text(5000).default(''),
  safetyNotes: text(5000).default(''),
  attachmentIds: z.array(id).max(100),
  createdAt: isoTime,
});
export type ProgressEntry = z.infer<typeof progressEntrySchema>;

export const ATTACHMENT_OWNERS = ['progress', 'milestone', 'acceptance'] as const;
export type AttachmentOwner = (typeof ATTACHMENT_OWNERS)[number];
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256: 64 hex digits');
export const attachmentSchema = z.object({
  id,
  sha256: sha256Hex,
  name: name,
  mime: text(100).min(1),
  size: z.number().int().min(0),
  capturedAt: isoTime.nullable(),
  authorId: id,
  gpsLat: z.number().min(-90).max(90).nullable(),
  gpsLon: z.number().min(-180).max(180).nullable(),
  ownerEntity: z.enum(ATTACHMENT_OWNERS),
  ownerId: id,
  createdAt: isoTime,
  /** the challenge the owner belongs to, and the author's site: what the hub's authority check needs */
  challengeId: id.nullable().default(null),
  siteId: id.nullable().default(null),
  /** a small WebP preview (its own blob), null for files that have none */
  thumbSha256: sha256Hex.nullable().default(null),
  thumbSize: z.number().int().min(0).nullable().default(null),
  width: z.number().int().min(0).nullable().default(null),
  height: z.number().int().min(0).nullable().default(null),
  /** removed from its owner (kept for the record 留痕; lists leave it out) */
  removedAt: isoTime.nullable().default(null),
  removedBy: id.nullable().default(null),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const criterionResultSchema = z.object({ criterion: name, met: z.boolean(), note: text(2000).default('') });
export const acceptanceSchema = z.object({
  id,
  challengeId: id,
  requestedBy: id,
  requestedAt: isoTime,
  requestNote: text(5000).default(''),
  criteriaResults: z.array(criterionResultSchema).max(50),
  decision: z.enum(ACCEPTANCE_DECISIONS).nullable(),
  acceptorId: id.nullable(),
  decidedAt: isoTime.nullable(),
  decisionNote: text(5000).nullable(),
});
export type Acceptance = z.infer<typeof acceptanceSchema>;

export const assessmentSchema = z.object({
  id,
  challengeId: id,
  score: z.number().min(0).max(100),
  grade: z.enum(GRADES),
  pledgeOutcome: z.enum(PLEDGE_OUTCOMES),
  rewardsApplied: text(5000).default(''),
  penaltiesApplied: text(5000).default(''),
  assessorId: id,
  assessedAt: isoTime,
  note: text(5000).default(''),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const caseSchema = z.object({
  id,
  challengeId: id,
  title: name,
  problem: text(10000).min(1),
  solution: text(10000).min(1),
  results: text(10000).min(1),
  tags: z.array(text(40).min(1)).max(20),
  promotedBy: id,
  promotedAt: isoTime,
});
export type Case = z.infer<typeof caseSchema>;

export const eventSchema = z.object({
  id,
  entity: z.string(),
  entityId: id,
  challengeId: id.nullable(),
  action: z.string(),
  actorId: id,
  siteId: id.nullable(),
  replicaId: z.string(),
  at: isoTime,
  hlc: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type DomainEvent = z.infer<typeof eventSchema>;

/** Entity name (as in the op log) → its domain type. */
export interface EntityTypes {
  site: Site;
  person: Person;
  team: Team;
  board: Board;
  challenge: Challenge;
  claim: Claim;
  appointment: Appointment;
  pledge: Pledge;
  signature: Signature;
  milestone: Milestone;
  progress: ProgressEntry;
  attachment: Attachment;
  acceptance: Acceptance;
  assessment: Assessment;
  case: Case;
  event: DomainEvent;
}
