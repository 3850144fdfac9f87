// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { dispatch } from '../../main/contract/dispatch';
import type { Db } from '../../main/db/open';
import { openDatabase } from '../../main/db/open';
import { SCHEMA_VERSION } from '../../main/db/migrations';
import { createEnrolment } from '../../main/hub/devices';
import { applyResponse } from '../../main/sync/client';
import { formatHlc } from '../../main/sync/hlc';
import { PROTOCOL_VERSION } from '../../main/sync/protocol';
import type { PulledWireOp } from '../../main/sync/protocol';
import { freePort, startHubProcess, stopProcess } from '../support/hub-process';
import { demoCopy, openUiStore, renderApp, UI_NOW } from '../support/ui';

// The hub runs as its own process, as in production (and outside this test's jsdom globals).
let hubProcess: ChildProcess | null = null;
let hubDb: Db | null = null;
afterEach(async () => {
  if (hubProcess) await stopProcess(hubProcess);
  hubDb?.close();
  hubProcess = null;
  hubDb = null;
});

function personNamed(db: Db, name: string): string {
  return db.prepare('SELECT id FROM people WHERE name = ?').pluck().get(name) as string;
}

describe('the sync page', () => {
  it('shows the honest local-only state, and refuses "sync now" with the reason when not enrolled', async () => {
    const { api } = await openUiStore();
    renderApp(api, '/sync');
    expect(await screen.findByRole('heading', { name: '与总部同步' })).toBeTruthy();
    expect(await screen.findByText(/本机尚未注册到总部：数据只保存在本机/)).toBeTruthy();
    expect(await screen.findByText('没有被退回的更改')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '立即同步' }));
    expect(await screen.findByText(/本机尚未注册到总部：请先在设置中输入总部地址和注册码/)).toBeTruthy();
  });

  it('checks the address and code before enrolling', async () => {
    const { api } = await openUiStore({ empty: true });
    renderApp(api, '/sync');
    fireEvent.change(await screen.findByLabelText('总部地址'), { target: { value: 'hq.example.cn' } });
    fireEvent.change(screen.getByLabelText('注册码'), { target: { value: '123' } });
    fireEvent.click(screen.getByRole('button', { name: '注册本机' }));
    expect(screen.getByText('请输入以 http:// 或 https:// 开头的地址')).toBeTruthy();
    expect(screen.getByText('注册码至少 6 位，由总部管理员提供')).toBeTruthy();
    expect((await api.sync.settings({})).ok && (await api.sync.settings({}))).toMatchObject({ value: { enrolled: false } });
  });

  it('enrols with a real hub, syncs, and lists what HQ refused with its reason', async () => {
    // HQ: the demo organisation on a real hub
    const hubFile = await demoCopy('hub.sqlite');
    const port = await freePort();
    hubProcess = await startHubProcess(hubFile, port);
    // HQ's own desk: a second connection to the hub's database (WAL lets both work)
    hubDb = openDatabase(hubFile);
    const hub = { url: `http://127.0.0.1:${port}`, db: hubDb };
    const lead = personNamed(hub.db, '杜河清'); // the dam's site lead
    const { code } = createEnrolment(hub.db, { personId: lead, label: '瓦托坝址笔记本' });

    const ui = await openUiStore({ empty: true });
    renderApp(ui.api, '/sync');
    fireEvent.change(await screen.findByLabelText('总部地址'), { target: { value: hub.url } });
    fireEvent.change(screen.getByLabelText('注册码'), { target: { value: code } });
    fireEvent.click(screen.getByRole('button', { name: '注册本机' }));
    expect(await screen.findByText('本机已注册到总部，开始同步')).toBeTruthy();
    expect(await screen.findByText(hub.url)).toBeTruthy();
    // the first pull brings HQ's data; the line then says synced, with nothing pending
    await waitFor(() => expect(screen.getAllByText(/^已同步/).length).toBeGreaterThan(0), { timeout: 20_000 });
    expect(ui.store.db.prepare('SELECT count(*) FROM people').pluck().get()).toBeGreaterThan(30);

    // while the dam is offline HQ makes 杜河清 a plain member; the laptop still lets him set up a team
    const admin = personNamed(hub.db, '陈立');
    const demoted = dispatch({ db: hub.db, actorId: admin, now: () => UI_NOW }, 'people.update', { id: lead, roles: ['site_member'] });
    expect(demoted.ok).toBe(true);
    const site = hub.db.prepare('SELECT site_id FROM people WHERE id = ?').pluck().get(lead) as string;
    await ui.call('teams.create', { name: '坝顶监测突击队', siteId: site, leaderId: lead, memberIds: [], description: '' });

    fireEvent.click(screen.getByRole('button', { name: '立即同步' }));
    const inbox = (await screen.findByRole('heading', { name: '被退回的更改' })).closest('section') as HTMLElement;
    await waitFor(() => expect(within(inbox).getAllByRole('row').length).toBeGreaterThan(1), { timeout: 20_000 });
    expect(within(inbox).getAllByText(/突击队/).length).toBeGreaterThan(0);
    // HQ never got the team, and the device took it back
    expect(hub.db.prepare("SELECT count(*) FROM teams WHERE name = '坝顶监测突击队'").pluck().get()).toBe(0);
    await waitFor(() => expect(ui.store.db.prepare("SELECT count(*) FROM teams WHERE name = '坝顶监测突击队'").pluck().get()).toBe(0));
    // the status line counts the refusal
    expect((await screen.findAllByText(/项被总部退回/)).length).toBeGreaterThan(0);
  });
});

describe('status conflicts on the sync page', () => {
  it('lists a transition that arrived from elsewhere but no longer fit, in words', async () => {
    const ui = await openUiStore();
    const db = ui.store.db;
    const challenge = db.prepare("SELECT id, title, site_id FROM challenges WHERE status = 'in_progress' AND parent_id IS NULL ORDER BY code LIMIT 1").get() as { id: string; title: string; site_id: string };
    const officer = db.prepare("SELECT id FROM people WHERE name LIKE '梁%' LIMIT 1").pluck().get() as string;
    // another device, which still saw the challenge as merely pledged, "starts" it: its event arrives through sync
    const at = new Date(UI_NOW.getTime() + 3_600_000);
    const hlc = formatHlc({ wall: at.getTime(), counter: 0, replicaId: 'other-device' });
    const fields: [string, unknown][] = [
      ['entity', 'challenge'], ['entity_id', challenge.id], ['challenge_id', challenge.id], ['action', 'challenge.start'],
      ['actor_id', officer], ['site_id', challenge.site_id], ['replica_id', 'other-device'], ['at', at.toISOString()], ['hlc', hlc],
      ['detail', { from: 'pledged', to: 'in_progress' }],
    ];
    const ops: PulledWireOp[] = fields.map(([field, value], i) => ['other-device', i + 1, hlc, 'event', 'evt-from-elsewhere', field, value, SCHEMA_VERSION]);
    const replica = db.prepare('SELECT id FROM replica').pluck().get() as string;
    applyResponse(db, replica, { v: PROTOCOL_VERSION, acked: 0, refused: [], ops, cursor: ops.length, more: false, hubTime: at.getTime() }, at.getTime());

    renderApp(ui.api, '/sync');
    const section = (await screen.findByRole('heading', { name: '状态冲突' })).closest('section') as HTMLElement;
    expect(await within(section).findByText(/想把榜题从「已立状」改为「攻关中」，但当时已是「攻关中」，此改动未生效/)).toBeTruthy();
    expect(within(section).getByRole('link', { name: challenge.title })).toBeTruthy();
    // the challenge itself did not move
    expect(db.prepare('SELECT status FROM challenges WHERE id = ?').pluck().get(challenge.id)).toBe('in_progress');
  });
});
