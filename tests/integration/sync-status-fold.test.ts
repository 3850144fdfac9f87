import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../main/hub';
import { startHub } from '../../main/hub';
import { createEnrolment } from '../../main/hub/devices';
import { canonicalStateHash } from '../../main/sync/canonical';
import { enrol, syncOnce } from '../../main/sync/client';
import { claimAndAppoint, draftPledge, publishedChallenge, signPledge } from '../support/flow';
import type { TestStore } from '../support/store';
import { makeOrg, openTestStore, tempDbFile } from '../support/store';

let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

/** A pledged challenge at the dam, HQ on the hub's database, and the dam lead's laptop in sync with it. */
async function world() {
  const file = tempDbFile('hub.sqlite');
  const hq = openTestStore(file);
  const org = makeOrg(hq);
  const { challengeId } = publishedChallenge(hq, org);
  claimAndAppoint(hq, org, challengeId);
  signPledge(hq, org, draftPledge(hq, org, challengeId));
  hub = await startHub({ dbFile: file, port: 0 });
  const lead = openTestStore(tempDbFile('lead.sqlite'));
  const { code } = createEnrolment(hub.db, { personId: org.lead, label: 'dam laptop' });
  await enrol(lead.db, hub.url, code);
  await syncOnce(lead.db);
  return { hq, org, hub, lead, challengeId };
}

const status = (s: { db: TestStore['db'] }, id: string) => s.db.prepare('SELECT status FROM challenges WHERE id = ?').pluck().get(id);
const conflicts = (s: { db: TestStore['db'] }) => s.db.prepare('SELECT entity, action, from_status, to_status, found_status FROM status_conflicts ORDER BY hlc').all();

describe('a status is folded from its transition events, with conflicts kept visible', () => {
  it('HQ terminates; the site, offline, starts work later by its clock: terminated stands, the start is a conflict everywhere', async () => {
    const w = await world();
    expect(status(w.lead, w.challengeId)).toBe('pledged');
    w.hq.call(w.org.officer, 'challenges.terminate', { id: w.challengeId, reason: '项目调整，终止攻关' });
    w.lead.clock.advanceMs(3_600_000); // an hour later at the dam, no link
    w.lead.call(w.org.lead, 'challenges.start', { id: w.challengeId });
    expect(status(w.lead, w.challengeId)).toBe('in_progress');

    await syncOnce(w.lead.db);
    // last-writer-wins would say in_progress; the fold says terminated, on both sides
    expect(status(w.hub, w.challengeId)).toBe('terminated');
    expect(status(w.lead, w.challengeId)).toBe('terminated');
    // the pledge's activation, written with the start, meets HQ's abandonment of it the same way
    const expected = [
      { entity: 'challenge', action: 'challenge.start', from_status: 'pledged', to_status: 'in_progress', found_status: 'terminated' },
      { entity: 'pledge', action: 'pledge.activate', from_status: 'signed', to_status: 'active', found_status: 'abandoned' },
    ];
    expect(w.lead.db.prepare('SELECT status FROM pledges').pluck().all()).toEqual(['abandoned']);
    expect(conflicts(w.hub)).toEqual(expected);
    expect(conflicts(w.lead)).toEqual(expected);
    expect(canonicalStateHash(w.lead.db)).toBe(canonicalStateHash(w.hub.db));
    // the conflict is listed with who did what, through the contract
    const listed = w.lead.call(w.org.lead, 'sync.conflicts', {});
    expect(listed.find((c) => c.entity === 'challenge')).toMatchObject({ rowId: w.challengeId, action: 'challenge.start', found: 'terminated', actorName: '李坝址', title: '大坝安全在线监测系统' });
  });

  it('the site started first by the clocks: in_progress stands and HQ’s termination is the conflict', async () => {
    const w = await world();
    w.lead.call(w.org.lead, 'challenges.start', { id: w.challengeId });
    // the laptop's clock follows the hub's (real time); HQ's desk decides an hour after that
    w.hq.clock.ms = Date.now() + 3_600_000;
    w.hq.call(w.org.officer, 'challenges.terminate', { id: w.challengeId, reason: '项目调整，终止攻关' });

    await syncOnce(w.lead.db);
    expect(status(w.hub, w.challengeId)).toBe('in_progress');
    expect(status(w.lead, w.challengeId)).toBe('in_progress');
    expect(conflicts(w.lead)).toEqual([
      { entity: 'challenge', action: 'challenge.terminate', from_status: 'pledged', to_status: 'terminated', found_status: 'in_progress' },
      { entity: 'pledge', action: 'pledge.abandon', from_status: 'signed', to_status: 'abandoned', found_status: 'active' },
    ]);
    expect(canonicalStateHash(w.lead.db)).toBe(canonicalStateHash(w.hub.db));
  });

  it('ordinary work never produces a conflict', async () => {
    const w = await world();
    w.lead.call(w.org.lead, 'challenges.start', { id: w.challengeId });
    await syncOnce(w.lead.db);
    w.hq.call(w.org.officer, 'challenges.suspend', { id: w.challengeId, reason: '汛期停工' });
    await syncOnce(w.lead.db);
    w.lead.call(w.org.lead, 'challenges.resume', { id: w.challengeId });
    await syncOnce(w.lead.db);
    expect(status(w.hub, w.challengeId)).toBe('in_progress');
    expect(conflicts(w.hub)).toEqual([]);
    expect(conflicts(w.lead)).toEqual([]);
  });
});
