import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../main/hub';
import { startHub } from '../../main/hub';
import { createEnrolment } from '../../main/hub/devices';
import { canonicalStateHash } from '../../main/sync/canonical';
import { enrol, pendingOwnOps, syncOnce } from '../../main/sync/client';
import { compactAckedOps, compactIfDue } from '../../main/sync/compact';
import { inProgressChallenge } from '../support/flow';
import type { Org, TestStore } from '../support/store';
import { makeOrg, openTestStore, tempDbFile } from '../support/store';

let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

async function world() {
  const file = tempDbFile('hub.sqlite');
  const hq = openTestStore(file);
  const org = makeOrg(hq);
  const { challengeId } = inProgressChallenge(hq, org);
  hub = await startHub({ dbFile: file, port: 0 });
  return { hq, org, hub, challengeId };
}

async function device(h: RunningHub, personId: string): Promise<TestStore> {
  const d = openTestStore(tempDbFile('device.sqlite'));
  const { code } = createEnrolment(h.db, { personId, label: 'test device' });
  await enrol(d.db, h.url, code);
  return d;
}

const count = (s: TestStore, where = '1 = 1') => s.db.prepare(`SELECT count(*) FROM sync_ops WHERE ${where}`).pluck().get() as number;
const teamName = (db: TestStore['db'], id: string) => db.prepare('SELECT name FROM teams WHERE id = ?').pluck().get(id) as string;

function renameTeam(s: TestStore, org: Org, teamId: string, times: number, prefix: string) {
  for (let i = 1; i <= times; i++) {
    s.clock.advanceMs(60_000);
    s.call(org.lead, 'teams.update', { id: teamId, name: `${prefix}${i}` });
  }
}

describe('compaction of acknowledged ops on the device', () => {
  it('keeps one acknowledged op per field, the state stays the hub’s, and syncing goes on', async () => {
    const w = await world();
    const lead = await device(w.hub, w.org.lead);
    await syncOnce(lead.db);
    const teamId = lead.call(w.org.lead, 'teams.create', { name: '坝顶突击队', siteId: w.org.damSiteId, leaderId: w.org.lead, memberIds: [], description: '' }).id;
    renameTeam(lead, w.org, teamId, 30, '坝顶突击队第');
    await syncOnce(lead.db);
    expect(pendingOwnOps(lead.db)).toBe(0);
    const nameOps = () => count(lead, `entity = 'team' AND row_id = '${teamId}' AND field = 'name'`);
    expect(nameOps()).toBe(31);

    const before = count(lead);
    const report = compactAckedOps(lead.db);
    expect(nameOps()).toBe(1);
    expect(report.removed).toBeGreaterThanOrEqual(30);
    expect(report.kept).toBe(before - report.removed);
    expect(canonicalStateHash(lead.db)).toBe(canonicalStateHash(w.hub.db));

    // writes after compaction get new sequence numbers and reach the hub
    renameTeam(lead, w.org, teamId, 2, '坝顶突击队新');
    w.hq.call(w.org.officer, 'progress.add', { challengeId: w.challengeId, date: w.hq.clock.today(), workDone: '总部补录', percent: 40, problems: '', nextSteps: '', safetyNotes: '' });
    const replica = lead.db.prepare('SELECT id FROM replica').pluck().get() as string;
    const atHub = () => w.hub.db.prepare('SELECT count(*) FROM sync_ops WHERE replica_id = ?').pluck().get(replica) as number;
    const hubBefore = atHub();
    const r = await syncOnce(lead.db);
    // every new op is new to the hub: sequence numbers were not reused after compaction
    expect(r.pushed).toBeGreaterThan(0);
    expect(atHub() - hubBefore).toBe(r.pushed);
    expect(teamName(w.hub.db, teamId)).toBe('坝顶突击队新2');
    expect(canonicalStateHash(lead.db)).toBe(canonicalStateHash(w.hub.db));
  });

  it('never drops unacknowledged ops, refused ops, or the value a refused change falls back to', async () => {
    const w = await world();
    const lead = await device(w.hub, w.org.lead);
    await syncOnce(lead.db);
    const teamId = lead.call(w.org.lead, 'teams.create', { name: '焊接突击队', siteId: w.org.damSiteId, leaderId: w.org.lead, memberIds: [], description: '' }).id;
    renameTeam(lead, w.org, teamId, 5, '焊接突击队第');
    await syncOnce(lead.db);

    // offline: HQ demotes the lead, who renames the team again (refused later) — nothing of it is compacted
    w.hq.call(w.org.admin, 'people.update', { id: w.org.lead, roles: ['site_member'] });
    renameTeam(lead, w.org, teamId, 3, '未获批名称');
    const pending = pendingOwnOps(lead.db);
    expect(pending).toBeGreaterThan(0);
    compactAckedOps(lead.db);
    expect(pendingOwnOps(lead.db)).toBe(pending);

    const r = await syncOnce(lead.db);
    expect(r.refused).toBeGreaterThan(0);
    // the refused rename is taken back to the last name HQ acknowledged, which compaction kept
    expect(teamName(lead.db, teamId)).toBe('焊接突击队第5');
    const refused = count(lead, 'refused = 1');
    compactAckedOps(lead.db);
    expect(count(lead, 'refused = 1')).toBe(refused);
    expect(canonicalStateHash(lead.db)).toBe(canonicalStateHash(w.hub.db));
  });

  it('an old op delivered again after compaction does not win over the newer value', async () => {
    const w = await world();
    const lead = await device(w.hub, w.org.lead);
    await syncOnce(lead.db);
    const teamId = lead.call(w.org.lead, 'teams.create', { name: '旧名', siteId: w.org.damSiteId, leaderId: w.org.lead, memberIds: [], description: '' }).id;
    renameTeam(lead, w.org, teamId, 3, '新名');
    await syncOnce(lead.db);
    compactAckedOps(lead.db);
    // pull everything again from the start, as after a lost cursor: the log re-grows, the state does not move back
    lead.db.prepare('UPDATE sync_peer SET cursor = 0').run();
    await syncOnce(lead.db);
    expect(teamName(lead.db, teamId)).toBe('新名3');
    expect(canonicalStateHash(lead.db)).toBe(canonicalStateHash(w.hub.db));
  });

  it('runs at most once a day', async () => {
    const s = openTestStore();
    const t0 = new Date('2026-11-24T00:00:00Z');
    expect(compactIfDue(s.db, t0)).not.toBeNull();
    expect(compactIfDue(s.db, new Date(t0.getTime() + 3_600_000))).toBeNull();
    expect(compactIfDue(s.db, new Date(t0.getTime() + 25 * 3_600_000))).not.toBeNull();
  });
});
