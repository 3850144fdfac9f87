import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../main/db/open';
import type { EntityName } from '../../main/db/entities';
import { ENTITIES } from '../../main/db/entities';
import { SCHEMA_VERSION } from '../../main/db/migrations';
import type { EntityTypes, Kpi } from '../../main/domain/entities';
import type { ChallengeStatus, PledgeStatus } from '../../main/domain/machines';
import type { PledgeOutcome, Role, TeamMode } from '../../main/domain/vocabulary';
import { toColumn } from '../../main/sync/codec';
import { formatHlc } from '../../main/sync/hlc';
import type { Op } from '../../main/sync/oplog';
import { OpApplier } from '../../main/sync/oplog';
import { CATEGORIES_BY_WEIGHT, FIELD_SITES, Rng, SITE_CODES_PREFIX, text } from './words';

/**
 * Builds a large store the way sync would: every row is made of field ops (the same shape
 * `Change.put` / `Change.event` / `Change.transition` produce, one stamp per write, events with
 * their own stamps), and the ops are applied with `new OpApplier(db).apply(ops)` in large
 * transactions, as acknowledged ops (they came from the hub) — the code path a sync round uses for
 * remote ops. Each challenge's history
 * (create → publish → claims → 挂帅 → 军令状 → signatures → milestones → 攻关日志 → 验收 → 考核 …)
 * follows the state machines in order, authored by the right people from the right replicas
 * (HQ devices for HQ actions, the site's device for site actions).
 */

const DAY = 86_400_000;

export interface BuildOptions {
  scale: number;
  seed: number;
  /** the wall-clock "now" the data leads up to (ms) */
  now: number;
  /** ops per OpApplier.apply call */
  applyOps: number;
  /** ops per transaction */
  commitOps: number;
  /** this builder's shard: it builds the boards `shardOf(b, shards) === shard`; shard 0 also stores the organisation */
  shard: number;
  shards: number;
  progress: (done: BuildProgress) => void;
}

export interface BuildProgress {
  phase: string;
  challenges: number;
  challengesTotal: number;
  progressEntries: number;
  progressTotal: number;
  ops: number;
}

export interface BuildCounts {
  sites: number;
  people: number;
  teams: number;
  boards: number;
  challenges: number;
  subChallenges: number;
  claims: number;
  appointments: number;
  pledges: number;
  signedPledges: number;
  signatures: number;
  milestones: number;
  progressEntries: number;
  acceptances: number;
  assessments: number;
  cases: number;
  events: number;
  ops: number;
  replicas: number;
  challengesByStatus: Partial<Record<ChallengeStatus, number>>;
}

type Fields<E extends EntityName> = Partial<Omit<EntityTypes[E], 'id'>>;

interface Replica {
  id: string;
  seq: number;
}

interface Person {
  id: string;
  name: string;
  siteId: string;
  roles: Role[];
}

interface Site {
  id: string;
  code: string;
  name: string;
  replicas: Replica[];
  leads: Person[];
  members: Person[];
}

/** A replica id as `newReplicaId` makes them (9 random bytes, base64url), from the seeded generator. */
function replicaId(rng: Rng): string {
  return Buffer.from(Array.from({ length: 9 }, () => rng.int(0, 255))).toString('base64url');
}

/**
 * Row ids are random UUIDs, as the app makes them (crypto.randomUUID): a seeded generator with
 * 32 bits of state would repeat ids among millions of rows.
 */
const newId = (): string => randomUUID();

const COLUMN = new Map<string, string>();
const column = (field: string): string => {
  let c = COLUMN.get(field);
  if (c === undefined) COLUMN.set(field, (c = toColumn(field)));
  return c;
};

/** Collects ops and hands them to the real applier in big batches and big transactions. */
class OpSink {
  private ops: Op[] = [];
  private inTx = false;
  private sinceCommit = 0;
  total = 0;
  events = 0;
  /** shards other than 0 generate the organisation (to know its ids) but do not store it */
  discard = false;
  private readonly applier: OpApplier;

  constructor(private readonly db: Db, private readonly applyOps: number, private readonly commitOps: number) {
    this.applier = new OpApplier(db);
  }

  push(op: Op): void {
    if (!this.discard) this.ops.push(op);
  }

  countEvent(): void {
    if (!this.discard) this.events++;
  }

  /** Called at aggregate boundaries, so one challenge's history goes to the applier together. */
  maybeFlush(): void {
    if (this.ops.length >= this.applyOps) this.flush();
  }

  flush(): void {
    if (this.ops.length === 0) return;
    if (!this.inTx) {
      this.db.exec('BEGIN');
      this.inTx = true;
    }
    // these ops reach this store from the hub, so they are already acknowledged (nothing to push)
    this.applier.apply(this.ops, { acked: true });
    this.total += this.ops.length;
    this.sinceCommit += this.ops.length;
    this.ops = [];
    if (this.sinceCommit >= this.commitOps) this.commit();
  }

  commit(): void {
    if (!this.inTx) return;
    this.db.exec('COMMIT');
    this.inTx = false;
    this.sinceCommit = 0;
  }
}

/**
 * One service write: a wall time, a replica, an actor; stamps tick within it and its ops share
 * their write group (`tx`, the sequence of its first op) like `Change`'s.
 */
class Write {
  private counter = 0;
  private tx: number | undefined;
  readonly iso: string;

  constructor(
    private readonly sink: OpSink,
    readonly replica: Replica,
    private readonly actor: Person,
    private readonly wall: number,
  ) {
    this.iso = new Date(wall).toISOString();
  }

  private stamp(): string {
    return formatHlc({ wall: this.wall, counter: this.counter++, replicaId: this.replica.id });
  }

  put<E extends EntityName>(entity: E, id: string, fields: Fields<E>, hlc = this.stamp()): void {
    const columns = ENTITIES[entity].columns as Record<string, unknown>;
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      const col = column(field);
      if (!Object.hasOwn(columns, col)) throw new Error(`unknown field ${entity}.${field}`);
      this.tx ??= this.replica.seq;
      this.sink.push({
        replicaId: this.replica.id, replicaSeq: this.replica.seq++, hlc, entity, rowId: id, field: col,
        value: value ?? null, schemaVersion: SCHEMA_VERSION, tx: this.tx,
      });
    }
  }

  event(action: string, entity: EntityName, entityId: string, challengeId: string | null, detail: Record<string, unknown> | null = null): void {
    const hlc = this.stamp();
    this.sink.countEvent();
    this.put('event', newId(), {
      entity, entityId, challengeId, action, actorId: this.actor.id, siteId: this.actor.siteId, replicaId: this.replica.id,
      at: this.iso, hlc, detail,
    }, hlc);
  }

  transition<E extends 'challenge' | 'claim' | 'pledge' | 'milestone'>(
    entity: E,
    row: { id: string; status: string },
    action: string,
    to: string,
    challengeId: string,
    extra: Fields<E> = {},
    detail: Record<string, unknown> = {},
  ): void {
    const from = row.status;
    this.put(entity, row.id, { status: to, ...extra } as Fields<E>);
    this.event(action, entity, row.id, challengeId, { from, to, ...detail });
    row.status = to;
  }
}

// ── The plan: statuses and sizes first, so totals come out exact ─────────────────

const STATUS_WEIGHTS: Record<ChallengeStatus, number> = {
  draft: 4, published: 10, withdrawn: 2, failed: 3, appointed: 5, pledged: 4, in_progress: 30, suspended: 3,
  acceptance_requested: 5, rework: 2, accepted: 5, not_accepted: 1, assessed: 10, archived: 12, terminated: 3,
};
/** statuses whose challenge has been worked on (攻关日志 exists) */
const WORKED: ReadonlySet<ChallengeStatus> = new Set<ChallengeStatus>([
  'in_progress', 'suspended', 'acceptance_requested', 'rework', 'accepted', 'not_accepted', 'assessed', 'archived', 'terminated',
]);
/** relative logging intensity: live work logs most */
const LOG_WEIGHT: Partial<Record<ChallengeStatus, number>> = {
  in_progress: 1.6, suspended: 1, acceptance_requested: 1.3, rework: 1.4, accepted: 1, not_accepted: 0.8, assessed: 1,
  archived: 0.9, terminated: 0.5,
};
const MAX_ENTRIES = 400;

interface Planned {
  board: number;
  parent: number | null;
  status: ChallengeStatus;
  entries: number;
}

function plan(rng: Rng, challenges: number, boards: number, progressTotal: number): Planned[] {
  const sizes: number[] = [];
  for (let b = 0; b < boards; b++) sizes.push(0.8 + 0.4 * rng.next());
  const sum = sizes.reduce((a, s) => a + s, 0);
  let assigned = 0;
  const boardSize = sizes.map((s, b) => {
    const n = b === boards - 1 ? challenges - assigned : Math.round((s / sum) * challenges);
    assigned += n;
    return n;
  });
  const out: Planned[] = [];
  for (let b = 0; b < boards; b++) {
    const size = boardSize[b] as number;
    let n = 0;
    while (n < size) {
      const parentIndex = out.length;
      const status = rng.weighted(STATUS_WEIGHTS);
      out.push({ board: b, parent: null, status, entries: 0 });
      n++;
      // some challenges are split into 子榜
      if (status !== 'draft' && status !== 'withdrawn' && status !== 'failed' && rng.chance(0.1)) {
        const kids = Math.min(rng.int(2, 4), size - n);
        for (let k = 0; k < kids; k++) {
          out.push({ board: b, parent: parentIndex, status: childStatus(rng, status), entries: 0 });
          n++;
        }
      }
    }
  }
  // 攻关日志 counts: heavy-tailed (a few challenges log daily for a year), exact total
  const eligible = out.filter((p) => WORKED.has(p.status));
  if (eligible.length === 0 && progressTotal > 0) throw new Error('no challenge can hold progress entries');
  const weights = eligible.map((p) => (LOG_WEIGHT[p.status] ?? 1) * Math.min(25, rng.next() ** -0.7));
  const wsum = weights.reduce((a, w) => a + w, 0);
  let given = 0;
  eligible.forEach((p, i) => {
    p.entries = Math.min(MAX_ENTRIES, Math.floor(((weights[i] as number) / wsum) * progressTotal));
    given += p.entries;
  });
  while (given < progressTotal) {
    const p = eligible[Math.floor(rng.next() * eligible.length)] as Planned;
    if (p.entries >= MAX_ENTRIES) continue;
    p.entries++;
    given++;
  }
  return out;
}

/** A 子榜 is never ahead of its parent's acceptance and never started before its parent is appointed. */
function childStatus(rng: Rng, parent: ChallengeStatus): ChallengeStatus {
  const early: ChallengeStatus[] = ['published', 'appointed'];
  switch (parent) {
    case 'published':
      return 'published';
    case 'appointed':
    case 'pledged':
      return rng.pick(early);
    case 'in_progress':
    case 'suspended':
    case 'rework':
    case 'acceptance_requested':
      return rng.pick<ChallengeStatus>(['in_progress', 'in_progress', 'acceptance_requested', 'accepted', 'pledged']);
    case 'accepted':
    case 'assessed':
    case 'archived':
      return rng.pick<ChallengeStatus>(['accepted', 'assessed', 'archived']);
    case 'not_accepted':
      return rng.pick<ChallengeStatus>(['not_accepted', 'accepted', 'terminated']);
    case 'terminated':
      return rng.pick<ChallengeStatus>(['terminated', 'in_progress']);
    default:
      return 'published';
  }
}

// ── The build ────────────────────────────────────────────────────────────────────

/**
 * Which builder builds board `b`. With two builders, builder 0 writes straight into the store
 * (all indexes and search triggers live) and builder 1 into a bare scratch file that is appended
 * afterwards, so builder 0 takes the smaller share (2 boards in 5) to finish at about the same time.
 */
export function shardOf(board: number, shards: number): number {
  if (shards <= 1) return 0;
  if (shards === 2) return board % 5 === 0 || board % 5 === 3 ? 0 : 1;
  return board % shards;
}

/** Stages of a challenge's life, used to place its writes in time between creation and now. */
const STAGES = 10;

export function buildStore(db: Db, options: BuildOptions): BuildCounts {
  const rng = new Rng(options.seed);
  const sink = new OpSink(db, options.applyOps, options.commitOps);
  const challengesTotal = Math.round(100_000 * options.scale);
  const progressTotal = Math.round(1_000_000 * options.scale);
  const boardsTotal = Math.max(1, Math.round(100 * options.scale));
  const counts: BuildCounts = {
    sites: 0, people: 0, teams: 0, boards: 0, challenges: 0, subChallenges: 0, claims: 0, appointments: 0, pledges: 0,
    signedPledges: 0, signatures: 0, milestones: 0, progressEntries: 0, acceptances: 0, assessments: 0, cases: 0,
    events: 0, ops: 0, replicas: 0, challengesByStatus: {},
  };
  const report = (phase: string) =>
    options.progress({
      phase, challenges: counts.challenges, challengesTotal, progressEntries: counts.progressEntries, progressTotal,
      ops: sink.total,
    });
  const now = options.now;
  const start = now - 730 * DAY;
  const { shard, shards } = options;
  // replica ids come from the seeded generator, so every shard knows every device; each shard
  // writes through its own devices (a replica's sequence numbers stay unique and gapless)
  const devices = (perShard: number): { all: Replica[]; mine: Replica[] } => {
    const all = Array.from({ length: perShard * shards }, () => ({ id: replicaId(rng), seq: 1 }));
    return { all, mine: all.slice(perShard * shard, perShard * (shard + 1)) };
  };
  let replicas = 0;
  // the organisation's ids are shared by all shards (they reference the same people and sites), so
  // they come from the seeded generator, checked for uniqueness; every other id is a random UUID
  const orgIds = new Set<string>();
  const orgId = (): string => {
    for (;;) {
      const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
      const id = `${hex(8)}-${hex(4)}-4${hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
      if (!orgIds.has(id)) {
        orgIds.add(id);
        return id;
      }
    }
  };

  // ── organisation: HQ and field sites, people, teams (stored by shard 0 only) ──
  sink.discard = shard !== 0;
  const hqDevices = devices(3);
  const hqReplicas = hqDevices.mine;
  const orgReplica = hqDevices.all[0] as Replica;
  replicas += hqReplicas.length;
  const hq: Site = { id: orgId(), code: 'HQ', name: '集团总部', replicas: hqReplicas, leads: [], members: [] };
  const admin: Person = { id: orgId(), name: '系统管理员', siteId: hq.id, roles: ['hq_admin'] };
  {
    const w = new Write(sink, orgReplica, admin, start - 30 * DAY);
    w.put('site', hq.id, { code: hq.code, name: hq.name, kind: 'hq', linkProfile: 'L0', timeZone: 'Asia/Shanghai', createdAt: w.iso });
    w.put('person', admin.id, {
      name: admin.name, siteId: hq.id, post: '信息中心', partyMember: false, partyBranch: null, roles: ['hq_admin'], active: true,
      createdAt: w.iso,
    });
    w.event('setup.initialize', 'site', hq.id, null, { adminId: admin.id });
    counts.sites++;
    counts.people++;
  }
  let orgClock = start - 29 * DAY;
  const orgWrite = () => new Write(sink, orgReplica, admin, (orgClock += 60_000));
  const siteCount = Math.max(3, Math.min(FIELD_SITES.length, Math.round(30 * Math.sqrt(options.scale))));
  const sites: Site[] = [];
  for (let i = 0; i < siteCount; i++) {
    const siteDevices = devices(2);
    replicas += siteDevices.mine.length;
    const site: Site = {
      id: orgId(), code: SITE_CODES_PREFIX[i] as string, name: FIELD_SITES[i] as string,
      replicas: siteDevices.mine, leads: [], members: [],
    };
    const w = orgWrite();
    w.put('site', site.id, {
      code: site.code, name: site.name, kind: 'site', linkProfile: rng.pick(['L2', 'L3', 'L3', 'L6', 'L8'] as const),
      timeZone: 'Asia/Shanghai', createdAt: w.iso,
    });
    w.event('site.create', 'site', site.id, null, { name: site.name });
    sites.push(site);
    counts.sites++;
  }
  const addPerson = (site: Site, roles: Role[], post: string): Person => {
    const p: Person = { id: orgId(), name: text.personName(rng), siteId: site.id, roles };
    const party = rng.chance(0.45);
    const w = orgWrite();
    w.put('person', p.id, {
      name: p.name, siteId: site.id, post, partyMember: party, partyBranch: party ? `${site.name.slice(0, 4)}第${rng.int(1, 5)}党支部` : null,
      roles, active: true, createdAt: w.iso,
    });
    w.event('person.create', 'person', p.id, null, { name: p.name });
    counts.people++;
    return p;
  };
  const peoplePerSite = Math.max(8, Math.round(60 * Math.sqrt(options.scale)));
  const officers: Person[] = [];
  const supervisors: Person[] = [];
  for (let i = 0; i < Math.max(4, Math.round(peoplePerSite / 2)); i++) officers.push(addPerson(hq, ['hq_officer'], '科技部主管'));
  for (let i = 0; i < Math.max(2, Math.round(peoplePerSite / 6)); i++) supervisors.push(addPerson(hq, ['supervisor'], '纪检监督'));
  for (const site of sites) {
    for (let i = 0; i < peoplePerSite; i++) {
      if (i < Math.max(2, peoplePerSite / 8)) site.leads.push(addPerson(site, ['site_lead'], '项目经理'));
      else site.members.push(addPerson(site, ['site_member'], rng.pick(['技术员', '工程师', '监测员', '焊工', '安全员'])));
    }
    const teams = Math.max(1, Math.round(peoplePerSite / 6));
    for (let t = 0; t < teams; t++) {
      const leader = rng.pick(site.leads);
      const members = [leader.id, ...Array.from({ length: rng.int(3, 8) }, () => rng.pick(site.members).id)];
      const id = orgId();
      const w = orgWrite();
      const name = `${site.name.slice(0, 4)}${rng.pick(['突击队', '攻关小组', '青年突击队', '党员先锋队'])}${t + 1}`;
      w.put('team', id, { name, siteId: site.id, leaderId: leader.id, memberIds: [...new Set(members)], description: '', createdAt: w.iso });
      w.event('team.create', 'team', id, null, { name });
      counts.teams++;
    }
  }
  sink.flush();
  sink.discard = false;
  if (shard !== 0) counts.sites = counts.people = counts.teams = 0;
  report('organisation');

  // ── boards and challenges ──
  const planned = plan(rng, challengesTotal, boardsTotal, progressTotal);
  const boardIds: string[] = [];
  const boardCounters: number[] = [];
  const childCounters = new Map<number, number>();
  const codes: string[] = [];
  const ids: string[] = [];
  const siteOf: (Site | null)[] = [];
  const year = new Date(now).getUTCFullYear();
  let rng2 = rng;
  const hqOf = () => rng2.pick(hqReplicas);
  const createBoard = (b: number, at: number) => {
    const rng = rng2;
    const id = newId();
    const officer = rng.pick(officers);
    const title = text.boardTitle(rng, year - (b % 3 === 0 ? 1 : 0), b + 1);
    const w = new Write(sink, hqOf(), officer, at);
    w.put('board', id, {
      title, source: rng.pick(['superior', 'grassroots', 'enterprise', 'joint'] as const), issuerSiteId: hq.id, issuerId: officer.id,
      description: `集团${title}，面向各项目部和平台发榜`, rules: '具备相关资质，团队不少于3人', process: '发榜—揭榜—挂帅—立状—攻关—验收—考核',
      assessmentStandard: '按军令状指标逐项考核', periodStart: new Date(at).toISOString().slice(0, 10),
      periodEnd: new Date(at + 365 * DAY).toISOString().slice(0, 10), status: 'draft', createdAt: w.iso, updatedAt: w.iso,
    });
    w.event('board.create', 'board', id, null, { title });
    const p = new Write(sink, hqOf(), officer, at + 3_600_000);
    p.put('board', id, { status: 'published', updatedAt: p.iso });
    p.event('board.publish', 'board', id, null, { challenges: 0 });
    boardIds[b] = id;
    boardCounters[b] = 0;
    counts.boards++;
  };

  // a few boards have closed (HQ closes a board after its last challenge has been written)
  const closeBoard = (b: number) => {
    const id = boardIds[b];
    if (b % 10 !== 9 || id === undefined) return;
    const w = new Write(sink, hqOf(), rng2.pick(officers), now - 5 * DAY);
    w.put('board', id, { status: 'closed', updatedAt: w.iso });
    w.event('board.close', 'board', id, null, null);
  };
  let lastReport = 0;
  let board = -1;
  for (let i = 0; i < planned.length; i++) {
    const p = planned[i] as Planned;
    if (shardOf(p.board, shards) !== shard) continue;
    if (p.board !== board) {
      if (board >= 0) closeBoard(board);
      // each board has its own generator: the data does not depend on how boards are sharded
      board = p.board;
      rng2 = new Rng((options.seed ^ Math.imul(board + 1, 0x9e3779b1)) >>> 0);
    }
    const rng = rng2;
    const created = start + Math.floor(((i + rng.next()) / planned.length) * (now - start - 20 * DAY));
    if (boardIds[p.board] === undefined) createBoard(p.board, created - DAY);
    const boardId = boardIds[p.board] as string;
    const id = newId();
    ids[i] = id;
    let code: string;
    if (p.parent === null) {
      boardCounters[p.board] = (boardCounters[p.board] as number) + 1;
      code = `J${String(boardCounters[p.board]).padStart(3, '0')}`;
    } else {
      const n = (childCounters.get(p.parent) ?? 0) + 1;
      childCounters.set(p.parent, n);
      code = `${codes[p.parent] as string}-${n}`;
      counts.subChallenges++;
    }
    codes[i] = code;
    const parentSite = p.parent === null ? undefined : siteOf[p.parent];
    const presetSite = parentSite !== undefined ? parentSite : rng.chance(0.7) ? rng.pick(sites) : null;
    const site = presetSite ?? rng.pick(sites);
    siteOf[i] = site;
    challengeHistory({
      rng, sink, counts, id, boardId, parentId: p.parent === null ? null : (ids[p.parent] as string), code, target: p.status,
      entries: p.entries, created, now, presetSite, site, hqReplicas, officers, supervisors,
    });
    counts.challenges++;
    counts.challengesByStatus[p.status] = (counts.challengesByStatus[p.status] ?? 0) + 1;
    sink.maybeFlush();
    const t = performance.now();
    if (t - lastReport > 3000) {
      lastReport = t;
      report('challenges');
    }
  }
  if (board >= 0) closeBoard(board);
  sink.flush();
  sink.commit();
  counts.ops = sink.total;
  counts.events = sink.events;
  counts.replicas = replicas;
  report('done');
  return counts;
}

interface History {
  rng: Rng;
  sink: OpSink;
  counts: BuildCounts;
  id: string;
  boardId: string;
  parentId: string | null;
  code: string;
  target: ChallengeStatus;
  entries: number;
  created: number;
  now: number;
  /** the site HQ named at creation, or null (then the leader's site is set at 挂帅) */
  presetSite: Site | null;
  site: Site;
  hqReplicas: Replica[];
  officers: Person[];
  supervisors: Person[];
}

const BEFORE_APPOINT: ReadonlySet<ChallengeStatus> = new Set<ChallengeStatus>(['draft', 'published', 'withdrawn', 'failed']);
const ACCEPT_PATH: ReadonlySet<ChallengeStatus> = new Set<ChallengeStatus>([
  'acceptance_requested', 'rework', 'accepted', 'not_accepted', 'assessed', 'archived',
]);

/** One challenge from creation to its target status, through the same writes the services make. */
function challengeHistory(h: History): void {
  const { rng, counts, id, target } = h;
  const officer = rng.pick(h.officers);
  const hqRep = () => rng.pick(h.hqReplicas);
  const siteRep = () => rng.pick(h.site.replicas);
  const span = Math.max(DAY, h.now - h.created - DAY);
  const at = (stage: number) => h.created + Math.floor(((stage + 0.3 + 0.6 * rng.next()) / STAGES) * span);
  const hqWrite = (t: number, who = officer) => new Write(h.sink, hqRep(), who, t);
  const siteWrite = (t: number, who: Person) => new Write(h.sink, siteRep(), who, t);
  const challenge = { id, status: 'draft' as string };

  // create
  const deadlineMs = h.created + rng.int(180, 720) * DAY;
  const deadline = new Date(deadlineMs).toISOString().slice(0, 10);
  const title = h.parentId ? text.subTitle(rng, text.challengeTitle(rng)) : text.challengeTitle(rng);
  const teamMode: TeamMode = rng.chance(0.08) ? 'horse_race' : rng.chance(0.2) ? 'joint' : 'solo';
  const kpis: Kpi[] = Array.from({ length: rng.int(1, 3) }, (_, k) => ({
    name: ['监测点在线率', '数据完整率', '焊缝一次合格率', '抗压溃能力提升', '单位能耗下降', '预警准确率'][(k + rng.int(0, 5)) % 6] as string,
    baseline: String(rng.int(50, 90)), target: String(rng.int(91, 100)), unit: '%', method: '系统统计',
  }));
  {
    const w = hqWrite(h.created);
    w.put('challenge', id, {
      boardId: h.boardId, parentId: h.parentId, code: h.code, title, category: rng.weighted(CATEGORIES_BY_WEIGHT),
      background: text.background(rng), kpis, eligibility: text.eligibility(rng), acceptanceCriteria: text.acceptance(rng),
      reward: text.reward(rng), deadline, teamMode, required: rng.chance(0.85),
      siteId: h.presetSite?.id ?? null, leaderId: null, status: 'draft', statusReason: null, createdAt: w.iso, updatedAt: w.iso,
    });
    w.event('challenge.create', 'challenge', id, id, { title, parentId: h.parentId });
  }
  if (target === 'draft') return;
  const move = (w: Write, action: string, to: ChallengeStatus, extra: Fields<'challenge'> = {}, detail: Record<string, unknown> = {}) =>
    w.transition('challenge', challenge, action, to, id, { ...extra, updatedAt: w.iso }, detail);

  if (target === 'withdrawn' && rng.chance(0.3)) {
    const reason = text.reason(rng);
    move(hqWrite(at(1)), 'challenge.withdraw', 'withdrawn', { statusReason: reason }, { reason });
    return;
  }
  move(hqWrite(at(1)), 'challenge.publish', 'published');

  // 揭榜: claims from site leads
  const claimCount = target === 'failed' ? rng.int(0, 1) : target === 'published' || target === 'withdrawn' ? rng.int(0, 3) : rng.int(1, 3);
  const claims: { id: string; status: string; applicant: Person; members: Person[] }[] = [];
  for (let k = 0; k < claimCount; k++) {
    const applicant = rng.pick(h.site.leads);
    const members = [applicant, ...Array.from({ length: rng.int(0, 3) }, () => rng.pick(h.site.members))].filter(
      (m, j, all) => all.findIndex((x) => x.id === m.id) === j,
    );
    const share = Math.floor(100 / members.length);
    const cid = newId();
    const w = siteWrite(at(2) + k * 3_600_000, applicant);
    w.put('claim', cid, {
      challengeId: id, applicantId: applicant.id, teamId: null, plan: text.plan(rng),
      members: members.map((m, j) => ({ personId: m.id, share: j === 0 ? 100 - share * (members.length - 1) : share })),
      status: 'submitted', statusReason: null, submittedAt: w.iso,
    });
    w.event('claim.submit', 'claim', cid, id, { applicantId: applicant.id });
    claims.push({ id: cid, status: 'submitted', applicant, members });
    counts.claims++;
  }
  if (BEFORE_APPOINT.has(target)) {
    if (target === 'published') {
      for (const c of claims) if (rng.chance(0.4)) hqWrite(at(3)).transition('claim', c, 'claim.shortlist', 'shortlisted', id);
      return;
    }
    const reason = text.reason(rng);
    const w = hqWrite(at(3));
    move(w, target === 'failed' ? 'challenge.fail' : 'challenge.withdraw', target, { statusReason: reason }, { reason });
    for (const c of claims) w.transition('claim', c, 'claim.reject', 'not_selected', id, { statusReason: reason }, { reason });
    return;
  }

  // 挂帅
  const chosen = claims[0] as (typeof claims)[number];
  hqWrite(at(3)).transition('claim', chosen, 'claim.shortlist', 'shortlisted', id);
  hqWrite(at(3) + 600_000).transition('claim', chosen, 'claim.select', 'selected', id);
  const leader = chosen.applicant;
  const appointmentId = newId();
  {
    const w = hqWrite(at(3) + 1_200_000);
    const publicity = new Date(w.iso.slice(0, 10));
    w.put('appointment', appointmentId, {
      challengeId: id, claimId: chosen.id, leaderId: leader.id, decidedBy: officer.id, decidedAt: w.iso,
      publicityStart: publicity.toISOString().slice(0, 10), publicityEnd: new Date(publicity.getTime() + 5 * DAY).toISOString().slice(0, 10),
      note: '',
    });
    w.event('appointment.appoint', 'appointment', appointmentId, id, { leaderId: leader.id, leaderName: leader.name });
    move(w, 'challenge.appoint', 'appointed', { leaderId: leader.id });
    if (!h.presetSite) w.put('challenge', id, { siteId: leader.siteId });
    for (const other of claims.slice(1)) w.transition('claim', other, 'claim.reject', 'not_selected', id, { statusReason: '已挂帅' });
    counts.appointments++;
  }

  // 军令状 with milestones
  if (target === 'appointed' && rng.chance(0.4)) return;
  const pledgeId = newId();
  const pledge = { id: pledgeId, status: 'draft' as string };
  const supervisor = rng.chance(0.5) ? rng.pick(h.supervisors) : null;
  const witness = rng.pick(h.site.members);
  const startAt = at(5);
  const milestoneCount = rng.int(2, 6);
  const milestones: { id: string; status: string; due: number }[] = [];
  const pledgeText = text.pledgeText(rng, leader.name, title);
  {
    const w = siteWrite(at(4), leader);
    w.put('pledge', pledgeId, {
      challengeId: id, appointmentId, version: 1, supersedesId: null, number: `JLZ-${h.code}`, title: `${title}军令状`, text: pledgeText,
      commitments: kpis.map((k) => ({ kpi: k.name, target: k.target, unit: k.unit })), rewards: [text.reward(rng)],
      penalties: ['未完成扣减团队绩效20%'], exemptions: ['不可抗力及探索性失败按容错机制免责'], pledgerId: leader.id, issuerId: officer.id,
      supervisorId: supervisor?.id ?? null, witnessIds: [witness.id], deadline, status: 'draft', textHash: null, amendmentReason: null,
      createdAt: w.iso, updatedAt: w.iso,
    });
    for (let m = 0; m < milestoneCount; m++) {
      const mid = newId();
      const due = startAt + Math.floor(((m + 1) / milestoneCount) * (deadlineMs - startAt));
      w.put('milestone', mid, {
        title: text.milestoneTitle(rng, m), dueDate: new Date(due).toISOString().slice(0, 10), deliverable: text.deliverable(rng),
        evidenceRequired: rng.pick(['评审纪要', '现场照片', '检测报告', '监测数据截图']), pledgeId, challengeId: id, seq: m + 1,
        status: 'planned', reportedAt: null, reportNote: null, verifiedBy: null, verifiedAt: null, rejectReason: null,
      });
      milestones.push({ id: mid, status: 'planned', due });
    }
    w.event('pledge.draft', 'pledge', pledgeId, id, { version: 1 });
    counts.pledges++;
    counts.milestones += milestoneCount;
  }
  const pledgeMove = (w: Write, action: string, to: PledgeStatus, detail: Record<string, unknown> = {}) =>
    w.transition('pledge', pledge, action, to, id, { updatedAt: w.iso }, detail);
  if (target === 'appointed' && rng.chance(0.5)) return;
  pledgeMove(siteWrite(at(4) + 3_600_000, leader), 'pledge.submit', 'ready_to_sign');
  const textHash = createHash('sha256').update(pledgeText).digest('hex');
  const parties: [Person, 'pledger' | 'issuer' | 'supervisor'][] = [[leader, 'pledger'], [officer, 'issuer']];
  if (supervisor) parties.push([supervisor, 'supervisor']);
  const signCount = target === 'appointed' ? 1 : parties.length;
  for (let s = 0; s < signCount; s++) {
    const [who, role] = parties[s] as [Person, 'pledger' | 'issuer' | 'supervisor'];
    const w = role === 'pledger' ? siteWrite(at(4) + (s + 2) * 3_600_000, who) : hqWrite(at(4) + (s + 2) * 3_600_000, who);
    const sid = newId();
    w.put('signature', sid, {
      pledgeId, personId: who.id, partyRole: role, signedAt: w.iso, replicaId: w.replica.id, siteId: who.siteId, textHash,
    });
    w.event('pledge.sign', 'pledge', pledgeId, id, { role, textHash });
    counts.signatures++;
    if (pledge.status === 'ready_to_sign') pledgeMove(w, 'pledge.sign', 'partially_signed');
    if (s === parties.length - 1) {
      w.transition('pledge', pledge, 'pledge.complete_signing', 'signed', id, { textHash, updatedAt: w.iso });
      move(w, 'challenge.pledge', 'pledged');
      counts.signedPledges++;
    }
  }
  if (target === 'appointed' || target === 'pledged') return;

  // 开始攻关
  {
    const w = siteWrite(startAt, leader);
    move(w, 'challenge.start', 'in_progress');
    w.transition('pledge', pledge, 'pledge.activate', 'active', id);
  }
  const endAt = ACCEPT_PATH.has(target) ? at(7) : target === 'terminated' ? at(7) : h.now - 3_600_000;
  // milestones: delivered when due (all of them before acceptance)
  for (const m of milestones) {
    const mustDeliver = ACCEPT_PATH.has(target);
    const dueBy = Math.min(m.due, endAt - DAY);
    if (!mustDeliver && m.due > h.now - 5 * DAY && rng.chance(0.7)) continue; // not yet due
    if (!mustDeliver && rng.chance(0.15)) {
      // running late: started, not reported (shows red when overdue)
      if (dueBy > startAt) siteWrite(Math.max(startAt + 1000, dueBy - 20 * DAY), rng.pick(h.site.members)).transition('milestone', m, 'milestone.start', 'in_progress', id);
      continue;
    }
    const member = rng.pick(h.site.members);
    const reportAt = Math.min(endAt - 3_600_000, Math.max(startAt + 60_000, dueBy - rng.int(0, 10) * DAY));
    const w = siteWrite(reportAt, member);
    w.transition('milestone', m, 'milestone.start', 'in_progress', id);
    w.transition('milestone', m, 'milestone.report', 'reported', id, { reportedAt: w.iso, reportNote: '已完成，附现场记录' } as Fields<'milestone'>);
    if (rng.chance(0.75) || mustDeliver) {
      const v = hqWrite(Math.min(endAt - 60_000, reportAt + rng.int(1, 5) * 3_600_000));
      v.transition('milestone', m, 'milestone.verify', 'verified', id, { verifiedAt: v.iso, verifiedBy: officer.id, rejectReason: null } as Fields<'milestone'>);
    }
  }

  // 攻关日志: progress entries from the site, between the start and the end of the work
  progressEntries(h, leader, startAt, endAt, target === 'accepted' || target === 'assessed' || target === 'archived');

  if (target === 'in_progress') return;
  if (target === 'suspended') {
    const reason = text.reason(rng);
    move(hqWrite(endAt - 2 * 3_600_000), 'challenge.suspend', 'suspended', { statusReason: reason }, { reason });
    return;
  }
  if (target === 'terminated') {
    const reason = text.reason(rng);
    const w = hqWrite(endAt);
    move(w, 'challenge.terminate', 'terminated', { statusReason: reason }, { reason });
    w.transition('pledge', pledge, 'pledge.abandon', 'abandoned', id, {}, { reason });
    return;
  }
  // 验收
  const acceptanceId = newId();
  {
    const w = siteWrite(endAt, leader);
    move(w, 'challenge.request_acceptance', 'acceptance_requested');
    w.put('acceptance', acceptanceId, {
      challengeId: id, requestedBy: leader.id, requestedAt: w.iso, requestNote: '全部节点已完成，申请验收', criteriaResults: [],
      decision: null, acceptorId: null, decidedAt: null, decisionNote: null,
    });
    counts.acceptances++;
  }
  if (target === 'acceptance_requested') return;
  const decision = target === 'rework' ? 'rework' : target === 'not_accepted' || (target !== 'accepted' && rng.chance(0.08)) ? 'failed' : 'passed';
  {
    const w = hqWrite(at(8));
    const note = decision === 'passed' ? '各项指标达到军令状要求' : decision === 'rework' ? '部分指标未达标，限期整改' : '主要指标未达到';
    w.put('acceptance', acceptanceId, {
      decision, criteriaResults: kpis.map((k) => ({ criterion: k.name, met: decision === 'passed', note: '' })), acceptorId: officer.id,
      decidedAt: w.iso, decisionNote: note,
    });
    const action = decision === 'passed' ? 'challenge.accept' : decision === 'rework' ? 'challenge.rework' : 'challenge.not_accept';
    move(w, action, decision === 'passed' ? 'accepted' : decision === 'rework' ? 'rework' : 'not_accepted', { statusReason: note }, { reason: note });
  }
  if (target === 'rework' || target === 'accepted' || target === 'not_accepted') return;
  // 考核
  {
    const w = hqWrite(at(9));
    const outcome: PledgeOutcome = challenge.status === 'accepted'
      ? rng.pick(['fulfilled', 'fulfilled', 'partially_fulfilled'] as const)
      : rng.pick(['unfulfilled_excused', 'unfulfilled'] as const);
    move(w, 'challenge.assess', 'assessed');
    w.put('assessment', newId(), {
      challengeId: id, score: rng.int(55, 98), grade: outcome === 'fulfilled' ? rng.pick(['excellent', 'good'] as const) : rng.pick(['pass', 'fail'] as const),
      pledgeOutcome: outcome, rewardsApplied: outcome === 'fulfilled' ? '已兑现奖励' : '', penaltiesApplied: outcome === 'unfulfilled' ? '扣减绩效20%' : '',
      assessorId: officer.id, assessedAt: w.iso, note: '',
    });
    w.transition('pledge', pledge, 'pledge.close', outcome, id, { updatedAt: w.iso });
    counts.assessments++;
  }
  if (target === 'assessed') return;
  {
    const w = hqWrite(Math.min(h.now - 60_000, at(9) + 2 * DAY));
    move(w, 'challenge.archive', 'archived');
    if (rng.chance(0.15)) {
      const caseId = newId();
      w.put('case', caseId, {
        challengeId: id, title: `典型案例：${title}`, problem: text.background(rng), solution: text.workDone(rng), results: text.acceptance(rng),
        tags: [rng.pick(['技术突破', '安全生产', '绿色发展', '党建引领'])], promotedBy: officer.id, promotedAt: w.iso,
      });
      w.event('case.promote', 'case', caseId, id, { title: `典型案例：${title}` });
      counts.cases++;
    }
  }
}

function progressEntries(h: History, leader: Person, from: number, to: number, finished: boolean): void {
  const { rng, id } = h;
  const n = h.entries;
  if (n === 0) return;
  const span = Math.max(3_600_000, to - from);
  const finalPercent = finished ? 100 : rng.int(30, 95);
  for (let k = 0; k < n; k++) {
    const t = from + Math.floor(((k + 0.5) / n) * span);
    const author = rng.chance(0.3) ? leader : rng.pick(h.site.members);
    const percent = Math.min(100, Math.round(((k + 1) / n) * finalPercent));
    const w = new Write(h.sink, rng.pick(h.site.replicas), author, t);
    const date = w.iso.slice(0, 10);
    const pid = newId();
    w.put('progress', pid, {
      challengeId: id, date, workDone: text.workDone(rng), percent, problems: text.problems(rng), nextSteps: text.nextSteps(rng),
      safetyNotes: text.safetyNotes(rng), siteId: author.siteId, authorId: author.id, attachmentIds: [], createdAt: w.iso,
    });
    w.event('progress.add', 'progress', pid, id, { percent, date });
    h.counts.progressEntries++;
  }
}

/**
 * Appends a shard built by another builder to `db`, table by table with INSERT … SELECT: entity
 * rows get new rowids, so the search-index triggers index them as they land; the op log keeps the
 * shard's application order after this store's own; field clocks copy as they are (the shards
 * hold disjoint rows). Returns the rows copied per table.
 */
export function mergeShard(db: Db, shardFile: string, log: (msg: string) => void): Record<string, number> {
  const copied: Record<string, number> = {};
  db.prepare('ATTACH DATABASE ? AS shard').run(shardFile);
  try {
    const copy = (table: string, columns: string[], order: string) => {
      const t0 = performance.now();
      const list = columns.join(', ');
      db.exec('BEGIN');
      const n = db.prepare(`INSERT INTO main.${table} (${list}) SELECT ${list} FROM shard.${table} ORDER BY ${order}`).run().changes;
      db.exec('COMMIT');
      copied[table] = n;
      const s = (performance.now() - t0) / 1000;
      log(`[merge] ${table}: ${n.toLocaleString('en-US')} rows in ${s.toFixed(1)} s (${Math.round(n / Math.max(s, 1e-3)).toLocaleString('en-US')} rows/s)`);
    };
    // every column the schema has now (later migrations add some), except the op log's own sequence
    const columns = (table: string) =>
      (db.prepare(`SELECT name FROM pragma_table_info(?, 'shard')`).pluck().all(table) as string[]).filter((c) => c !== 'log_id');
    for (const def of Object.values(ENTITIES)) copy(def.table, columns(def.table), 'rowid');
    copy('field_clocks', columns('field_clocks'), 'entity, row_id, field');
    copy('sync_ops', columns('sync_ops'), 'log_id');
  } finally {
    db.exec('DETACH DATABASE shard');
  }
  return copied;
}

export function addCounts(a: BuildCounts, b: BuildCounts): BuildCounts {
  const out = { ...a, challengesByStatus: { ...a.challengesByStatus } };
  for (const [k, v] of Object.entries(b) as [keyof BuildCounts, unknown][]) {
    if (typeof v === 'number') (out[k] as number) = (a[k] as number) + v;
  }
  for (const [k, v] of Object.entries(b.challengesByStatus) as [ChallengeStatus, number][]) {
    out.challengesByStatus[k] = (out.challengesByStatus[k] ?? 0) + v;
  }
  return out;
}
