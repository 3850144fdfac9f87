import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Db } from '../../main/db/open';
import { openDatabase } from '../../main/db/open';
import { dispatch } from '../../main/contract/dispatch';
import type { MethodName, Input, Output } from '../../main/contract';
import type { ServiceContext } from '../../main/services/context';
import { loadReplica } from '../../main/sync/replica';

/** Real SQLite files in a temp folder, removed after each test. */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiebang-test-'));
  dirs.push(dir);
  return dir;
}

export function tempDbFile(name = 'test.sqlite'): string {
  return path.join(tempDir(), name);
}

/** A settable clock: tests move time explicitly. */
export class TestClock {
  constructor(public ms = Date.parse('2026-03-01T08:00:00Z')) {}
  now = (): Date => new Date(this.ms);
  advanceDays(days: number): void {
    this.ms += days * 86_400_000;
  }
  advanceMs(ms: number): void {
    this.ms += ms;
  }
  today(offsetDays = 0): string {
    return new Date(this.ms + offsetDays * 86_400_000).toISOString().slice(0, 10);
  }
}

export interface TestStore {
  db: Db;
  file: string;
  clock: TestClock;
  ctx: ServiceContext;
  /** calls a contract method as `actorId` and returns the value, throwing the error payload on refusal */
  call<M extends MethodName>(actorId: string | null, method: M, input: Input<M>): Output<M>;
  /** the raw Result, for tests of refusals */
  attempt<M extends MethodName>(actorId: string | null, method: M, input: Input<M>): ReturnType<typeof dispatch>;
}

export class CallError extends Error {
  constructor(readonly error: { code: string; message: string; messageEn: string }) {
    super(`${error.code}: ${error.message}`);
  }
}

export function openTestStore(file = tempDbFile(), clock = new TestClock()): TestStore {
  const db = openDatabase(file);
  loadReplica(db, clock.ms);
  const ctx: ServiceContext = { db, actorId: null, now: clock.now };
  const attempt = (actorId: string | null, method: string, input: unknown) => {
    ctx.actorId = actorId;
    return dispatch(ctx, method, input);
  };
  return {
    db,
    file,
    clock,
    ctx,
    attempt: attempt as TestStore['attempt'],
    call: ((actorId: string | null, method: string, input: unknown) => {
      const result = attempt(actorId, method, input);
      if (!result.ok) throw new CallError(result.error);
      return result.value;
    }) as TestStore['call'],
  };
}

export interface Org {
  hqSiteId: string;
  damSiteId: string;
  platformSiteId: string;
  admin: string;
  officer: string;
  lead: string;
  member: string;
  otherLead: string;
  supervisor: string;
  witness: string;
}

/** HQ, two field sites and one person per role. */
export function makeOrg(s: TestStore): Org {
  const session = s.call(null, 'setup.initialize', {
    site: { code: 'HQ', name: '集团总部', kind: 'hq', linkProfile: 'L0', timeZone: 'Asia/Shanghai' },
    admin: { name: '系统管理员', post: '信息中心', partyMember: false, partyBranch: null },
  });
  const admin = session.person!.id;
  const hqSiteId = session.site!.id;
  const site = (code: string, name: string, linkProfile: 'L2' | 'L3' | 'L6') =>
    s.call(admin, 'sites.create', { code, name, kind: 'site', linkProfile, timeZone: 'Asia/Shanghai' }).id;
  const damSiteId = site('WT', '瓦托水电站坝址', 'L3');
  const platformSiteId = site('HY1', '海洋一号平台', 'L2');
  const person = (name: string, siteId: string, roles: ('hq_admin' | 'hq_officer' | 'site_lead' | 'site_member' | 'supervisor')[]) =>
    s.call(admin, 'people.create', { name, siteId, post: '工程师', partyMember: true, partyBranch: '第一党支部', roles }).id;
  return {
    hqSiteId,
    damSiteId,
    platformSiteId,
    admin,
    officer: person('王总部', hqSiteId, ['hq_officer']),
    lead: person('李坝址', damSiteId, ['site_lead']),
    member: person('赵队员', damSiteId, ['site_member']),
    otherLead: person('陈平台', platformSiteId, ['site_lead']),
    supervisor: person('周监督', hqSiteId, ['supervisor']),
    witness: person('吴见证', damSiteId, ['site_member']),
  };
}
