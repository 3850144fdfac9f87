import { z } from 'zod';
import {
  ATTACHMENT_OWNERS, acceptanceSchema, appointmentSchema, assessmentSchema, boardSchema, caseSchema, challengeSchema, claimSchema,
  commitmentSchema, criterionResultSchema, id, kpiSchema, milestoneSchema, personSchema, pledgeSchema,
  progressEntrySchema, siteSchema, teamSchema,
} from '../domain/entities';
import { BOARD_STATUSES, CATEGORIES, PARTY_ROLES } from '../domain/vocabulary';
import { CHALLENGE_STATUSES } from '../domain/machines';
import type { Handlers } from '../services/api';
import type { EventPayloads, EventType, Result } from './result';
import { METHOD_NAMES } from './methods';

/**
 * THE contract between renderer and main: method name → input schema. main parses every payload
 * with it; the preload exposes exactly these names; output types come from the handlers.
 */
const none = z.object({}).strict();
const byId = z.object({ id }).strict();
const reason = z.string().trim().min(1).max(2000);

type WithoutDefault<S> = S extends z.ZodDefault<infer Inner> ? Inner : S;
type ChangesShape<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<WithoutDefault<T[K]>> };

/**
 * An update's input: every field optional and none defaulted, so a field the caller did not send stays
 * as it is (zod's own .partial() would still fill in defaults and blank out unsent fields).
 */
function changesOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>): z.ZodObject<ChangesShape<T>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const bare = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = bare.optional();
  }
  return z.object(shape) as unknown as z.ZodObject<ChangesShape<T>>;
}

const siteInput = siteSchema.pick({ code: true, name: true, kind: true, linkProfile: true, timeZone: true });
const personInput = personSchema.pick({ name: true, siteId: true, post: true, partyMember: true, partyBranch: true, roles: true });
const teamInput = teamSchema.pick({ name: true, siteId: true, leaderId: true, memberIds: true, description: true });
const boardInput = boardSchema.pick({
  title: true, source: true, issuerSiteId: true, description: true, rules: true, process: true,
  assessmentStandard: true, periodStart: true, periodEnd: true,
});
const challengeInput = challengeSchema.pick({
  boardId: true, code: true, title: true, category: true, background: true, eligibility: true,
  acceptanceCriteria: true, reward: true, deadline: true, teamMode: true, required: true, siteId: true,
}).extend({ parentId: id.nullable().default(null), kpis: z.array(kpiSchema).max(50).default([]) });
const pledgeInput = pledgeSchema.pick({
  number: true, title: true, text: true, pledgerId: true, issuerId: true, supervisorId: true, deadline: true,
}).extend({
  commitments: z.array(commitmentSchema).max(50).default([]),
  rewards: pledgeSchema.shape.rewards.default([]),
  penalties: pledgeSchema.shape.penalties.default([]),
  exemptions: pledgeSchema.shape.exemptions.default([]),
  witnessIds: pledgeSchema.shape.witnessIds.default([]),
});
const milestoneInput = milestoneSchema.pick({ title: true, dueDate: true, deliverable: true, evidenceRequired: true });

export const contract = {
  // session and first-run setup
  'session.get': none,
  'session.switchPerson': z.object({ personId: id }).strict(),
  'setup.initialize': z.object({ site: siteInput, admin: personInput.omit({ siteId: true, roles: true }) }).strict(),
  // organisation
  'sites.list': none,
  'sites.create': siteInput.strict(),
  'sites.update': changesOf(siteInput).extend({ id }).strict(),
  'people.list': z.object({ siteId: id.optional() }).strict(),
  'people.get': byId,
  'people.involvement': byId,
  'people.create': personInput.strict(),
  'people.update': changesOf(personInput).extend({ id, active: z.boolean().optional() }).strict(),
  'teams.list': z.object({ siteId: id.optional() }).strict(),
  'teams.create': teamInput.strict(),
  'teams.update': changesOf(teamInput).extend({ id }).strict(),
  // boards 榜单
  'boards.list': z.object({ status: z.enum(BOARD_STATUSES).optional() }).strict(),
  'boards.view': z.object({ id, parentId: id.nullable().optional() }).strict(),
  'boards.create': boardInput.strict(),
  'boards.update': changesOf(boardInput).extend({ id }).strict(),
  'boards.publish': byId,
  'boards.close': byId,
  // challenges 榜题 / 子榜
  'challenges.get': byId,
  'challenges.create': challengeInput.strict(),
  'challenges.update': changesOf(challengeInput.omit({ boardId: true, parentId: true })).extend({ id }).strict(),
  'challenges.publish': byId,
  'challenges.withdraw': z.object({ id, reason }).strict(),
  'challenges.fail': z.object({ id, reason }).strict(),
  'challenges.start': byId,
  'challenges.suspend': z.object({ id, reason }).strict(),
  'challenges.resume': byId,
  'challenges.terminate': z.object({ id, reason }).strict(),
  'challenges.archive': byId,
  // claims 揭榜
  'claims.submit': claimSchema.pick({ challengeId: true, teamId: true, plan: true, members: true }).strict(),
  'claims.shortlist': byId,
  'claims.select': byId,
  'claims.reject': z.object({ id, reason }).strict(),
  'claims.withdraw': byId,
  'claims.eliminate': z.object({ id, reason }).strict(),
  // 挂帅
  'appointments.appoint': appointmentSchema
    .pick({ claimId: true, leaderId: true, publicityStart: true, publicityEnd: true, note: true })
    .partial({ publicityStart: true, publicityEnd: true, note: true })
    .strict(),
  // 军令状
  'pledges.get': byId,
  'pledges.draft': pledgeInput.extend({ challengeId: id, milestones: z.array(milestoneInput).max(100).default([]) }).strict(),
  'pledges.update': changesOf(pledgeInput).extend({ id }).strict(),
  'pledges.submit': byId,
  'pledges.reopen': byId,
  'pledges.sign': z.object({ id, role: z.enum(PARTY_ROLES) }).strict(),
  'pledges.void': z.object({ id, reason }).strict(),
  'pledges.abandon': z.object({ id, reason }).strict(),
  'pledges.amend': z.object({ id, reason }).strict(),
  // 节点
  'milestones.add': milestoneInput.extend({ pledgeId: id }).strict(),
  'milestones.update': changesOf(milestoneInput).extend({ id }).strict(),
  'milestones.start': byId,
  'milestones.report': z.object({ id, note: z.string().trim().min(1).max(5000) }).strict(),
  'milestones.verify': byId,
  'milestones.reject': z.object({ id, reason }).strict(),
  // 攻关日志
  'progress.add': progressEntrySchema
    .pick({ challengeId: true, date: true, workDone: true, percent: true, problems: true, nextSteps: true, safetyNotes: true })
    .strict(),
  'progress.list': z.object({ challengeId: id, limit: z.number().int().min(1).max(500).default(100) }).strict(),
  // 验收 / 考核 / 典型案例
  'acceptance.request': acceptanceSchema.pick({ challengeId: true, requestNote: true }).strict(),
  'acceptance.decide': z.object({
    challengeId: id,
    decision: acceptanceSchema.shape.decision.unwrap(),
    criteriaResults: z.array(criterionResultSchema).max(50).default([]),
    note: z.string().trim().max(5000).default(''),
  }).strict(),
  'assessments.assess': assessmentSchema
    .pick({ challengeId: true, score: true, grade: true, pledgeOutcome: true, rewardsApplied: true, penaltiesApplied: true, note: true })
    .strict(),
  'cases.promote': caseSchema.pick({ challengeId: true, title: true, problem: true, solution: true, results: true, tags: true }).strict(),
  'cases.list': none,
  // queries
  'dashboard.get': z.object({ siteId: id.optional() }).strict(),
  'search.query': z.object({ text: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(50) }).strict(),
  'challenges.byStatus': z.object({ boardId: id.optional(), status: z.enum(CHALLENGE_STATUSES).optional(), category: z.enum(CATEGORIES).optional() }).strict(),
  // sync with the HQ hub
  'sync.status': none,
  'sync.now': none,
  'sync.refusals': none,
  'sync.settings': none,
  'sync.conflicts': none,
  'sync.enrol': z.object({
    hubUrl: z.url({ protocol: /^https?$/ }).max(500),
    code: z.string().trim().min(6).max(64),
  }).strict(),
  // evidence 佐证材料: a file the user picked or dropped, handed over as a one-time grant (main/evidence/grants.ts:
  // the renderer never names a path), stored by sha256, sent to HQ resumably
  'evidence.attach': z.object({
    token: z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'a file grant token'),
    ownerEntity: z.enum(ATTACHMENT_OWNERS),
    ownerId: id,
    name: z.string().trim().min(1).max(200).optional(),
  }).strict(),
  'evidence.list': z.object({
    ownerEntity: z.enum(ATTACHMENT_OWNERS).optional(),
    ownerId: id.optional(),
    challengeId: id.optional(),
    includeRemoved: z.boolean().default(false),
  }).strict().refine((v) => !!v.challengeId || (!!v.ownerEntity && !!v.ownerId), { message: 'ownerEntity and ownerId, or challengeId' }),
  'evidence.remove': z.object({ id, reason: z.string().trim().max(2000).optional() }).strict(),
  'evidence.queue': z.object({ includeDone: z.boolean().default(false) }).strict(),
  'evidence.prioritize': byId,
  'evidence.thumbnail': byId,
  'evidence.fetch': byId,
  // the viewer's larger image, made from the original on this device (read-only)
  'evidence.preview': z.object({ id, edge: z.number().int().min(320).max(2400).default(1600) }).strict(),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const methodNames: readonly MethodName[] = METHOD_NAMES;

// Both directions, so a method added to one list and not the other fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodListMatchesContract: Same<(typeof METHOD_NAMES)[number], MethodName> = true;
void methodListMatchesContract;

/** What a caller sends (before defaults). */
export type Input<M extends MethodName> = z.input<Contract[M]>;
/** What a handler receives (after validation and defaults). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]>;
export type Output<M extends MethodName> = Awaited<ReturnType<Handlers[M]>>;

type Namespace = MethodName extends `${infer N}.${string}` ? N : never;
type MethodsOf<N extends string> = {
  [M in MethodName as M extends `${N}.${infer F}` ? F : never]: (input: Input<M>) => Promise<Result<Output<M>>>;
};

/** The API as the renderer sees it: `window.jiebang.boards.list({})`. */
export type JiebangApi = { [N in Namespace]: MethodsOf<N> } & {
  on<T extends EventType>(type: T, callback: (payload: EventPayloads[T]) => void): () => void;
};

export type { Result } from './result';
