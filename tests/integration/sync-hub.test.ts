import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../main/db/migrations';
import type { RunningHub } from '../../main/hub';
import { startHub } from '../../main/hub';
import { createEnrolment, revokeDevice } from '../../main/hub/devices';
import { canonicalStateHash } from '../../main/sync/canonical';
import { enrol, getPeer, pendingBatch, pendingOwnOps, syncOnce } from '../../main/sync/client';
import { formatHlc } from '../../main/sync/hlc';
import { PROTOCOL_VERSION } from '../../main/sync/protocol';
import { loadReplica } from '../../main/sync/replica';
import { encodeBody } from '../../main/sync/wire';
import { deliverMilestones, inProgressChallenge } from '../support/flow';
import type { Org, TestStore } from '../support/store';
import { makeOrg, openTestStore, tempDbFile } from '../support/store';

/** Devices and a real hub over HTTP on loopback, each with its own SQLite file. */
let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

interface World {
  hq: TestStore;
  org: Org;
  hub: RunningHub;
}

/** The hub's database is HQ's: the org and one challenge in progress are created there. */
async function world(): Promise<World & { challengeId: string }> {
  const file = tempDbFile('hub.sqlite');
  const hq = openTestStore(file);
  const org = makeOrg(hq);
  const { challengeId } = inProgressChallenge(hq, org);
  hub = await startHub({ dbFile: file, port: 0 });
  return { hq, org, hub, challengeId };
}

async function device(w: World, personId: string): Promise<TestStore> {
  const d = openTestStore(tempDbFile('device.sqlite'));
  const { code } = createEnrolment(w.hub.db, { personId, label: 'test device' });
  await enrol(d.db, w.hub.url, code);
  return d;
}

const hubHash = (w: World) => canonicalStateHash(w.hub.db);

describe('sync through the hub', () => {
  it('devices pull HQ data, work offline, and everything converges to one state', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    const member = await device(w, w.org.member);
    await syncOnce(lead.db);
    await syncOnce(member.db);
    expect(canonicalStateHash(lead.db)).toBe(hubHash(w));
    expect(canonicalStateHash(member.db)).toBe(hubHash(w));

    // offline at the site: both write; HQ writes too
    const detail = lead.call(w.org.lead, 'challenges.get', { id: w.challengeId });
    lead.call(w.org.lead, 'progress.add', { challengeId: w.challengeId, date: '2026-03-02', workDone: '坝肩渗压计安装', percent: 30, problems: '', nextSteps: '', safetyNotes: '' });
    member.call(w.org.member, 'milestones.report', { id: detail.milestones[0]!.id, note: '方案已完成' });
    w.hq.call(w.org.officer, 'challenges.update', { id: w.challengeId, reward: '奖励 80 万元' });
    expect(pendingOwnOps(lead.db)).toBeGreaterThan(0);

    const r1 = await syncOnce(lead.db);
    expect(r1.pending).toBe(0);
    expect(r1.pushed).toBeGreaterThan(0);
    await syncOnce(member.db);
    await syncOnce(lead.db);
    const hash = hubHash(w);
    expect(canonicalStateHash(lead.db)).toBe(hash);
    expect(canonicalStateHash(member.db)).toBe(hash);
    const seen = lead.call(w.org.lead, 'challenges.get', { id: w.challengeId });
    expect(seen.challenge.reward).toBe('奖励 80 万元');
    expect(seen.milestones[0]!.status).toBe('reported');
    expect(seen.progress.map((p) => p.workDone)).toContain('坝肩渗压计安装');
  });

  it('a no-op sync is one small round trip', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    await syncOnce(lead.db);
    const idle = await syncOnce(lead.db);
    expect(idle.rounds).toBe(1);
    expect(idle.pushed + idle.pulled).toBe(0);
    expect(idle.bytesSent + idle.bytesReceived).toBeLessThan(600);
  });

  it('a lost answer is harmless: the retry applies nothing twice', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    await syncOnce(lead.db);
    lead.call(w.org.lead, 'progress.add', { challengeId: w.challengeId, date: '2026-03-02', workDone: '一次', percent: 10, problems: '', nextSteps: '', safetyNotes: '' });
    // the hub commits, but the answer never reaches the site
    const dropAnswer: typeof fetch = async (input, init) => {
      await fetch(input, init);
      throw new TypeError('link cut while receiving');
    };
    await expect(syncOnce(lead.db, { fetch: dropAnswer })).rejects.toThrow(/link cut/);
    expect(getPeer(lead.db)!.lastError).toMatch(/link cut/);
    expect(pendingOwnOps(lead.db)).toBeGreaterThan(0);
    const opsAtHub = w.hub.db.prepare('SELECT count(*) FROM sync_ops').pluck().get();
    await syncOnce(lead.db);
    expect(w.hub.db.prepare('SELECT count(*) FROM sync_ops').pluck().get()).toBe(opsAtHub);
    expect(pendingOwnOps(lead.db)).toBe(0);
    expect(w.hub.db.prepare("SELECT count(*) FROM progress_entries WHERE work_done = '一次'").pluck().get()).toBe(1);
    expect(canonicalStateHash(lead.db)).toBe(hubHash(w));
  });

  it('a long offline queue drains in bounded batches', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    await syncOnce(lead.db);
    for (let i = 0; i < 300; i++) {
      lead.call(w.org.lead, 'progress.add', { challengeId: w.challengeId, date: '2026-03-02', workDone: `第${i}条日志：完成监测点安装与调试`, percent: i % 100, problems: '无', nextSteps: '继续', safetyNotes: '高海拔注意' });
    }
    // a bounded batch ends between two writes, never inside one
    const replicaId = loadReplica(lead.db).id;
    for (const budget of [300, 2_000, 7_777]) {
      const batch = pendingBatch(lead.db, replicaId, budget);
      const next = lead.db.prepare('SELECT replica_seq, tx FROM sync_ops WHERE replica_id = ? AND replica_seq = ?').get(replicaId, batch.at(-1)![0] + 1) as { replica_seq: number; tx: number };
      expect(next.tx).toBe(next.replica_seq);
    }
    const report = await syncOnce(lead.db, { batchBytes: 20_000 });
    expect(report.rounds).toBeGreaterThan(5);
    expect(report.pending).toBe(0);
    expect(report.bytesSent / report.rounds).toBeLessThan(1_000_000);
    expect(canonicalStateHash(lead.db)).toBe(hubHash(w));
  });

  it('a clock reset to 2016 at the site does not lose its edits', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    await syncOnce(lead.db);
    lead.clock.ms = Date.parse('2016-01-01T00:00:00Z');
    lead.call(w.org.lead, 'progress.add', { challengeId: w.challengeId, date: '2016-01-01', workDone: '时钟复位后的日志', percent: 5, problems: '', nextSteps: '', safetyNotes: '' });
    await syncOnce(lead.db);
    expect(w.hub.db.prepare("SELECT count(*) FROM progress_entries WHERE work_done = '时钟复位后的日志'").pluck().get()).toBe(1);
  });
});

describe('the hub refuses bad input with a 4xx and writes nothing', () => {
  async function raw(w: World, body: Buffer | string, headers: Record<string, string>) {
    const res = await fetch(`${w.hub.url}/v1/sync`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
    const text = Buffer.from(await res.arrayBuffer());
    const decoded = res.headers.get('x-body-encoding') === 'br' ? zlib.brotliDecompressSync(text) : res.headers.get('x-body-encoding') === 'zstd' ? zlib.zstdDecompressSync(text) : text;
    return { status: res.status, body: JSON.parse(decoded.toString('utf8')) as { error: { code: string; message: string; messageEn: string } } };
  }

  it('answers each kind of bad request with a clear error', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    const token = getPeer(lead.db)!.token;
    const replicaId = loadReplica(lead.db).id;
    const auth = { Authorization: `Bearer ${token}` };
    const stamp = formatHlc({ wall: Date.now(), counter: 0, replicaId });
    const good = { v: PROTOCOL_VERSION, replicaId, schemaVersion: SCHEMA_VERSION, cursor: 0, ops: [] as unknown[] };
    const op = (over: Partial<Record<number, unknown>> = {}) => {
      const base: unknown[] = [1, stamp, 'progress', 'p-1', 'work_done', '内容', SCHEMA_VERSION];
      for (const [i, v] of Object.entries(over)) base[Number(i)] = v;
      return base;
    };
    const before = { hash: hubHash(w), ops: w.hub.db.prepare('SELECT count(*) FROM sync_ops').pluck().get() };

    const cases: [string, Buffer | string, Record<string, string>, number, string][] = [
      ['no token', JSON.stringify(good), {}, 401, 'NO_TOKEN'],
      ['forged token', JSON.stringify(good), { Authorization: `Bearer ${'x'.repeat(43)}` }, 401, 'BAD_TOKEN'],
      ['malformed JSON', '{"v":1,', auth, 400, 'BAD_BODY'],
      ['truncated zstd body', encodeBody(good, 'zstd').subarray(0, 10), { ...auth, 'Content-Encoding': 'zstd' }, 400, 'BAD_BODY'],
      ['unknown encoding', JSON.stringify(good), { ...auth, 'Content-Encoding': 'lzma' }, 400, 'BAD_BODY'],
      ['wrong types', JSON.stringify({ ...good, cursor: 'zero' }), auth, 400, 'BAD_REQUEST'],
      ['unknown keys', JSON.stringify({ ...good, admin: true }), auth, 400, 'BAD_REQUEST'],
      ['another replica', JSON.stringify({ ...good, replicaId: 'someone-else' }), auth, 403, 'WRONG_REPLICA'],
      ['unknown entity', JSON.stringify({ ...good, ops: [op({ 2: 'secrets' })] }), auth, 400, 'BAD_REQUEST'],
      ['unknown field', JSON.stringify({ ...good, ops: [op({ 4: 'id; DROP TABLE x' })] }), auth, 400, 'BAD_OP'],
      ['mistyped value', JSON.stringify({ ...good, ops: [op({ 4: 'percent', 5: 'lots' })] }), auth, 400, 'BAD_OP'],
      ['foreign clock', JSON.stringify({ ...good, ops: [op({ 1: formatHlc({ wall: Date.now(), counter: 0, replicaId: 'other' }) })] }), auth, 400, 'FOREIGN_STAMP'],
      ['absurd clock', JSON.stringify({ ...good, ops: [op({ 1: formatHlc({ wall: Date.now() + 400 * 86_400_000, counter: 0, replicaId }) })] }), auth, 400, 'ABSURD_CLOCK'],
      ['sequence gap', JSON.stringify({ ...good, ops: [op({ 0: 5 })] }), auth, 409, 'GAP'],
      ['newer schema', JSON.stringify({ ...good, schemaVersion: 99 }), auth, 409, 'HUB_TOO_OLD'],
      ['oversized', JSON.stringify({ ...good, pad: 'x'.repeat(1_100_000) }), auth, 413, 'TOO_LARGE'],
      ['not JSON', 'hello', { ...auth, 'Content-Type': 'text/plain' }, 415, 'BAD_CONTENT_TYPE'],
    ];
    for (const [name, body, headers, status, code] of cases) {
      const res = await raw(w, body, headers);
      expect([name, res.status, res.body.error?.code]).toEqual([name, status, code]);
      expect(res.body.error.message.length, name).toBeGreaterThan(0);
      expect(res.body.error.messageEn.length, name).toBeGreaterThan(0);
    }
    // a compressed zip bomb is refused, not inflated
    const bomb = zlib.brotliCompressSync(Buffer.alloc(50_000_000, 0x20));
    expect((await raw(w, bomb, { ...auth, 'Content-Encoding': 'br' })).status).toBe(400);
    expect(hubHash(w)).toBe(before.hash);
    expect(w.hub.db.prepare('SELECT count(*) FROM sync_ops').pluck().get()).toBe(before.ops);
  });

  it('a replayed batch is applied once; a revoked device is shut out', async () => {
    const w = await world();
    const lead = await device(w, w.org.lead);
    await syncOnce(lead.db);
    lead.call(w.org.lead, 'progress.add', { challengeId: w.challengeId, date: '2026-03-02', workDone: '重放测试', percent: 10, problems: '', nextSteps: '', safetyNotes: '' });
    const replicaId = loadReplica(lead.db).id;
    const body = { v: PROTOCOL_VERSION, replicaId, schemaVersion: SCHEMA_VERSION, cursor: 1_000_000, ops: pendingBatch(lead.db, replicaId, 1_000_000) };
    const auth = { Authorization: `Bearer ${getPeer(lead.db)!.token}` };
    const first = await raw(w, JSON.stringify(body), auth);
    const opsAfterFirst = w.hub.db.prepare('SELECT count(*) FROM sync_ops').pluck().get();
    const second = await raw(w, JSON.stringify(body), auth);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect((second.body as unknown as { acked: number }).acked).toBe((first.body as unknown as { acked: number }).acked);
    expect(w.hub.db.prepare('SELECT count(*) FROM sync_ops').pluck().get()).toBe(opsAfterFirst);

    revokeDevice(w.hub.db, getPeer(lead.db)!.deviceId);
    const revoked = await raw(w, JSON.stringify(body), auth);
    expect([revoked.status, revoked.body.error.code]).toEqual([401, 'REVOKED']);
  });

  it('a device that calls too often is slowed down with a 429 and a clear error', async () => {
    const w = await world();
    await w.hub.close();
    hub = await startHub({ dbFile: tempDbFile('limited.sqlite'), port: 0, rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    let last: { error: { code: string; messageEn: string } } | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${hub.url}/v1/sync`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${'y'.repeat(43)}` }, body: '{}' });
      statuses.push(res.status);
      last = (await res.json()) as typeof last;
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(last?.error.code).toBe('RATE_LIMITED');
    expect(last?.error.messageEn).toMatch(/retry in \d+ s/);
  });

  it('an enrolment code works once', async () => {
    const w = await world();
    const { code } = createEnrolment(w.hub.db, { personId: w.org.lead, label: 'x' });
    const a = openTestStore(tempDbFile('a.sqlite'));
    await enrol(a.db, w.hub.url, code);
    const b = openTestStore(tempDbFile('b.sqlite'));
    await expect(enrol(b.db, w.hub.url, code)).rejects.toMatchObject({ status: 403, code: 'CODE_USED' });
    await expect(enrol(b.db, w.hub.url, 'AAAA-BBBB-CCCC')).rejects.toMatchObject({ status: 403, code: 'BAD_CODE' });
    expect(getPeer(b.db)).toBeNull();
  });
});

describe('the hub re-checks authority and the device takes refused changes back, visibly', () => {
  it('a lead demoted at HQ while offline: the start is refused, reverted locally, and listed', async () => {
    const w = await world();
    const { challengeId } = (() => {
      // a second challenge at the dam, pledged but not started
      const boardId = w.hq.call(w.org.officer, 'boards.create', { title: '第二榜', source: 'superior', issuerSiteId: w.org.hqSiteId, periodStart: '2026-03-01', periodEnd: '2026-12-31' }).id;
      const id = w.hq.call(w.org.officer, 'challenges.create', { boardId, parentId: null, code: '', title: '坝顶位移监测', category: 'safety', deadline: '2026-12-01', teamMode: 'solo', required: true, siteId: w.org.damSiteId, kpis: [] }).id;
      w.hq.call(w.org.officer, 'boards.publish', { id: boardId });
      const claimId = w.hq.call(w.org.lead, 'claims.submit', { challengeId: id, teamId: null, plan: '方案', members: [] }).id;
      w.hq.call(w.org.officer, 'claims.select', { id: claimId });
      w.hq.call(w.org.officer, 'appointments.appoint', { claimId, leaderId: w.org.lead });
      const pledge = w.hq.call(w.org.officer, 'pledges.draft', { challengeId: id, number: '', title: '军令状', text: '立状', pledgerId: w.org.lead, issuerId: w.org.officer, supervisorId: null, deadline: '2026-12-01', commitments: [{ kpi: 'x', target: '1', unit: '' }] }).pledge.id;
      w.hq.call(w.org.officer, 'pledges.submit', { id: pledge });
      w.hq.call(w.org.lead, 'pledges.sign', { id: pledge, role: 'pledger' });
      w.hq.call(w.org.officer, 'pledges.sign', { id: pledge, role: 'issuer' });
      return { challengeId: id };
    })();
    const lead = await device(w, w.org.lead);
    await syncOnce(lead.db);

    // while the dam is offline, HQ takes the lead role away
    w.hq.call(w.org.admin, 'people.update', { id: w.org.lead, roles: ['site_member'] });
    // the device still believes it is a lead: it starts the challenge and logs progress (members may)
    lead.call(w.org.lead, 'challenges.start', { id: challengeId });
    lead.call(w.org.lead, 'progress.add', { challengeId, date: '2026-03-02', workDone: '开工准备', percent: 5, problems: '', nextSteps: '', safetyNotes: '' });

    const report = await syncOnce(lead.db);
    expect(report.refused).toBeGreaterThan(0);
    expect(report.pending).toBe(0);
    // HQ never saw the start; the progress entry is accepted
    expect(w.hub.db.prepare('SELECT status FROM challenges WHERE id = ?').pluck().get(challengeId)).toBe('pledged');
    // the whole action is refused: the pledge's activation and the start's 留痕 were written with it
    expect(w.hub.db.prepare('SELECT status FROM pledges WHERE challenge_id = ?').pluck().get(challengeId)).toBe('signed');
    expect(w.hub.db.prepare("SELECT count(*) FROM events WHERE challenge_id = ? AND action = 'challenge.start'").pluck().get(challengeId)).toBe(0);
    expect(w.hub.db.prepare("SELECT count(*) FROM progress_entries WHERE work_done = '开工准备'").pluck().get()).toBe(1);
    // the device took the start back, lists why, and holds exactly HQ's state again
    expect(lead.db.prepare('SELECT status FROM challenges WHERE id = ?').pluck().get(challengeId)).toBe('pledged');
    expect(lead.db.prepare('SELECT status FROM pledges WHERE challenge_id = ?').pluck().get(challengeId)).toBe('signed');
    const refusals = lead.call(w.org.lead, 'sync.refusals', {});
    expect(refusals.some((r) => r.entity === 'challenge' && r.field === 'status' && r.code === 'NOT_ALLOWED' && r.attemptedValue === '"in_progress"')).toBe(true);
    expect(refusals.some((r) => r.entity === 'pledge' && r.field === 'status' && r.code === 'WITH_REFUSED')).toBe(true);
    expect(lead.call(w.org.lead, 'sync.status', {}).refused).toBe(refusals.length);
    await syncOnce(lead.db);
    expect(canonicalStateHash(lead.db)).toBe(hubHash(w));
  });

  it('a tampered client cannot publish a board: refused, nothing of it at HQ', async () => {
    const w = await world();
    const member = await device(w, w.org.member);
    await syncOnce(member.db);
    // forge ops as if a board were created on the device, bypassing the services
    const replica = loadReplica(member.db);
    const stamp = formatHlc({ wall: Date.now(), counter: 1, replicaId: replica.id });
    member.db.transaction(() => {
      const insert = member.db.prepare('INSERT INTO sync_ops (replica_id, replica_seq, hlc, entity, row_id, field, value, schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      insert.run(replica.id, replica.nextSeq, stamp, 'board', 'forged-board', 'title', JSON.stringify('伪造的榜单'), SCHEMA_VERSION);
      insert.run(replica.id, replica.nextSeq + 1, stamp, 'board', 'forged-board', 'status', JSON.stringify('published'), SCHEMA_VERSION);
      member.db.prepare("INSERT INTO boards (id, title, status) VALUES ('forged-board', '伪造的榜单', 'published')").run();
      member.db.prepare('UPDATE replica SET next_seq = ?').run(replica.nextSeq + 2);
    })();
    const report = await syncOnce(member.db);
    expect(report.refused).toBe(2);
    expect(w.hub.db.prepare("SELECT count(*) FROM boards WHERE id = 'forged-board'").pluck().get()).toBe(0);
    expect(w.hub.db.prepare('SELECT count(*) FROM hub_refusals').pluck().get()).toBe(2);
    expect(member.db.prepare("SELECT count(*) FROM boards WHERE id = 'forged-board'").pluck().get()).toBe(0);
    expect(canonicalStateHash(member.db)).toBe(hubHash(w));
  });

  it('an amendment made offline copies the verified milestones and HQ accepts them; a forged 已核验 is refused', async () => {
    const w = await world();
    deliverMilestones(w.hq, w.org, w.challengeId);
    const lead = await device(w, w.org.lead);
    await syncOnce(lead.db);
    const pledgeId = lead.db.prepare("SELECT id FROM pledges WHERE challenge_id = ? AND status = 'active'").pluck().get(w.challengeId) as string;
    const v2 = lead.call(w.org.lead, 'pledges.amend', { id: pledgeId, reason: '汛期调整后续节点' }).pledge.id;
    const copies = lead.db.prepare('SELECT status, copied_from_id FROM milestones WHERE pledge_id = ?').all(v2) as { status: string; copied_from_id: string }[];
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.every((m) => m.status === 'verified' && m.copied_from_id)).toBe(true);
    expect((await syncOnce(lead.db)).refused).toBe(0);
    expect(w.hub.db.prepare("SELECT count(*) FROM milestones WHERE pledge_id = ? AND status = 'verified'").pluck().get(v2)).toBe(copies.length);

    // a tampered client claims a milestone of its own was verified, naming an unverified source
    const replica = loadReplica(lead.db);
    const stamp = formatHlc({ wall: Date.now() + 1000, counter: 1, replicaId: replica.id });
    const source = lead.db.prepare("SELECT id FROM milestones WHERE pledge_id = ? LIMIT 1").pluck().get(v2) as string;
    lead.db.prepare("UPDATE milestones SET status = 'planned' WHERE id = ?").run(source);
    w.hub.db.prepare("UPDATE milestones SET status = 'planned' WHERE id = ?").run(source);
    lead.db.transaction(() => {
      const insert = lead.db.prepare('INSERT INTO sync_ops (replica_id, replica_seq, hlc, entity, row_id, field, value, schema_version, tx) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const fields: [string, unknown][] = [['pledge_id', v2], ['challenge_id', w.challengeId], ['seq', 9], ['title', '伪造节点'], ['due_date', '2026-06-01'], ['status', 'verified'], ['copied_from_id', source]];
      fields.forEach(([field, value], i) => insert.run(replica.id, replica.nextSeq + i, stamp, 'milestone', 'forged-milestone', field, JSON.stringify(value), SCHEMA_VERSION, replica.nextSeq));
      lead.db.prepare('UPDATE replica SET next_seq = ?').run(replica.nextSeq + fields.length);
    })();
    const report = await syncOnce(lead.db);
    expect(report.refused).toBe(7); // the status is refused, and the rest of the write with it
    expect(w.hub.db.prepare("SELECT count(*) FROM milestones WHERE id = 'forged-milestone'").pluck().get()).toBe(0);
  });
});
