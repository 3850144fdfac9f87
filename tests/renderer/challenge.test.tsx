// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { UiStore } from '../support/ui';
import { openUiStore, renderApp } from '../support/ui';

// The challenge page against the real demo store: what it shows, and what happens when people act on it.

function challengeId(ui: UiStore, code: string): string {
  const id = ui.store.db.prepare('SELECT id FROM challenges WHERE code = ?').pluck().get(code) as string | undefined;
  if (!id) throw new Error(`no demo challenge ${code}`);
  return id;
}

function personId(ui: UiStore, name: string): string {
  const id = ui.store.db.prepare('SELECT id FROM people WHERE name = ?').pluck().get(name) as string | undefined;
  if (!id) throw new Error(`no demo person ${name}`);
  return id;
}

function statusOf(ui: UiStore, id: string): string {
  return ui.store.db.prepare('SELECT status FROM challenges WHERE id = ?').pluck().get(id) as string;
}

function count(ui: UiStore, sql: string, ...args: unknown[]): number {
  return ui.store.db.prepare(sql).pluck().get(...args) as number;
}

async function section(name: string | RegExp): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { level: 2, name });
  return heading.closest('section') as HTMLElement;
}

/** Switches the current person through the header, as a person at the desk would. */
async function actAs(ui: UiStore, name: string): Promise<void> {
  const select = (await screen.findByLabelText('当前用户')) as HTMLSelectElement;
  await waitFor(() => expect(select.querySelectorAll('option').length).toBeGreaterThan(10));
  fireEvent.change(select, { target: { value: personId(ui, name) } });
  await screen.findByText(`已切换为 ${name}`);
}

describe('the challenge page', () => {
  it('shows a demo challenge: header, fields, KPIs, 子榜, claims, appointment, pledge versions and the timeline', async () => {
    const ui = await openUiStore();
    const id = challengeId(ui, 'KJ2026-02');
    renderApp(ui.api, `/challenges/${id}`);
    const title = await screen.findByRole('heading', { level: 1, name: '3500米级超深海油气输送用直缝埋弧焊管研制' });
    const header = title.closest('header') as HTMLElement;
    expect(within(header).getByText('KJ2026-02')).toBeTruthy();
    expect(within(header).getByText('攻关中')).toBeTruthy();
    expect(within(header).getByText('技术瓶颈突破')).toBeTruthy();
    expect(within(header).getByText('联合攻关')).toBeTruthy();
    expect(within(header).getByText('珠江钢管南沙制管厂')).toBeTruthy();
    expect(within(header).getByRole('link', { name: '黄克坚' }).getAttribute('href')).toContain('/people/');
    const board = within(header).getByRole('link', { name: '2026年度科技攻关榜' });
    const boardId = ui.store.db.prepare('SELECT board_id FROM challenges WHERE id = ?').pluck().get(id) as string;
    expect(board.getAttribute('href')).toBe(`/boards/${boardId}`);
    expect(within(header).getByRole('progressbar', { name: 'KJ2026-02 的进度' })).toBeTruthy();
    // life-cycle moves for 攻关中
    expect(within(header).getByRole('button', { name: '暂停' })).toBeTruthy();
    expect(within(header).getByRole('button', { name: '终止' })).toBeTruthy();
    expect(within(header).queryByRole('button', { name: '发榜' })).toBeNull();

    const overview = await section('榜题详情');
    expect(within(overview).getByText(/国内深海油气输送焊接钢管此前仅能覆盖1500米水深/)).toBeTruthy();
    expect(within(overview).getByText(/整体验收通过奖励80万元/)).toBeTruthy();

    const kpis = await section('考核指标');
    const depth = within(kpis).getByRole('row', { name: /适用水深/ });
    expect(within(depth).getByText('1500 m')).toBeTruthy();
    expect(within(depth).getByText('3500 m')).toBeTruthy();
    expect(within(depth).getByText('暂无实测值')).toBeTruthy();
    expect(within(kpis).getByRole('row', { name: /焊缝性能较国际标准提升/ }).textContent).toContain('15%');
    expect(within(kpis).getByText('最新攻关日志：自报进度 78%（2026年11月19日）')).toBeTruthy();

    const children = await section('子榜');
    expect(within(children).getByRole('link', { name: '成型子榜：厚壁管JCOE精密成型与椭圆度控制' })).toBeTruthy();
    expect(within(children).getByRole('link', { name: /焊接子榜/ })).toBeTruthy();
    expect(within(children).getByRole('link', { name: /无损检测子榜/ })).toBeTruthy();
    expect(within(children).getByText('共 3 个，2 个未完成')).toBeTruthy();

    const claims = await section('揭榜申请');
    const claim = within(claims).getByRole('listitem', { name: '揭榜申请：超深海焊管专项攻关小组' });
    expect(within(claim).getByText('已选定')).toBeTruthy();
    expect(within(claim).getByText(/党员就得啃硬骨头/)).toBeTruthy();
    expect(within(claim).getByRole('link', { name: '邓建军' })).toBeTruthy();
    expect(within(claim).getByText('40%')).toBeTruthy();
    // not open for claims: no form
    expect(within(claims).queryByRole('button', { name: '我要揭榜' })).toBeNull();

    const appointments = await section('挂帅');
    expect(within(appointments).getByText(/公示期 2026年3月4日 至 2026年3月9日/)).toBeTruthy();
    expect(within(appointments).getByText('总榜由黄克坚挂帅，统筹三个子榜。')).toBeTruthy();

    const pledges = await section('军令状');
    const rows = within(pledges).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'JLZ-2026-002' }).getAttribute('href')).toMatch(/^\/pledges\//);
    expect(within(rows[0] as HTMLElement).getByText('第 2 版')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('执行中')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('已被修订版取代')).toBeTruthy();
    await waitFor(() => expect(within(rows[0] as HTMLElement).getByText('3 人已签，齐全')).toBeTruthy());
    // a live pledge exists: nothing to draft
    expect(within(pledges).queryByRole('link', { name: '起草军令状' })).toBeNull();

    const timeline = await section('留痕');
    const events = count(ui, 'SELECT count(*) FROM events WHERE challenge_id = ?', id);
    expect(within(timeline).getByText(`共 ${events} 条`)).toBeTruthy();
    const items = () => within(timeline).getAllByRole('listitem');
    expect(items()[0]?.textContent).toContain('提交攻关日志（2026年11月19日，进度 78%）');
    expect(within(timeline).getByText('以发令方身份签署军令状 JLZ-2026-002 第2版')).toBeTruthy();
    const signing = within(timeline).getByText('以发令方身份签署军令状 JLZ-2026-002 第2版').closest('li') as HTMLElement;
    expect(within(signing).getByRole('link', { name: '梁志远' })).toBeTruthy();
    expect(within(signing).getByText('集团总部')).toBeTruthy();
    expect(within(timeline).getAllByText('状态：计划 → 进行中').length).toBeGreaterThan(0);
    fireEvent.click(within(timeline).getByRole('button', { name: '最早在前' }));
    expect(within(timeline).getByRole('button', { name: '最早在前' }).getAttribute('aria-pressed')).toBe('true');
    expect(items()[0]?.textContent).toContain('创建榜题「3500米级超深海油气输送用直缝埋弧焊管研制」');
    expect(items()[0]?.textContent).toContain('集团总部');
  });

  it('a 子榜 links to its parent, and the table of contents moves the focus to a section', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/challenges/${challengeId(ui, 'KJ2026-02-2')}`);
    const title = await screen.findByRole('heading', { level: 1, name: '焊接子榜：多丝埋弧焊工艺与焊缝强韧匹配' });
    const header = title.closest('header') as HTMLElement;
    expect(within(header).getByRole('link', { name: 'KJ2026-02 3500米级超深海油气输送用直缝埋弧焊管研制' }).getAttribute('href')).toBe(
      `/challenges/${challengeId(ui, 'KJ2026-02')}`,
    );
    expect(within(header).getByText('必须通过验收')).toBeTruthy();
    const toc = screen.getByRole('navigation', { name: '本页目录' });
    // a 子榜 without 子榜 of its own has no 子榜 section
    expect(within(toc).queryByRole('button', { name: '子榜' })).toBeNull();
    fireEvent.click(within(toc).getByRole('button', { name: '留痕' }));
    expect(document.activeElement?.id).toBe('sec-timeline');
    fireEvent.click(within(toc).getByRole('button', { name: '揭榜申请' }));
    expect(document.activeElement?.id).toBe('sec-claims');
  });

  it('a site person claims for a team; HQ shortlists, selects and appoints the leader', async () => {
    const ui = await openUiStore();
    const id = challengeId(ui, 'JC2026-03');
    await ui.call('session.switchPerson', { personId: personId(ui, '黄克坚') });
    renderApp(ui.api, `/challenges/${id}`);
    const claims = await section('揭榜申请');
    expect(within(claims).getAllByRole('listitem', { name: /^揭榜申请：/ })).toHaveLength(2);
    // a site lead sees no HQ decisions on others' claims
    await screen.findByText('以 黄克坚 的身份揭榜');
    expect(within(claims).queryByRole('button', { name: '入围' })).toBeNull();
    expect(within(claims).queryByRole('button', { name: '选定' })).toBeNull();

    fireEvent.click(within(claims).getByRole('button', { name: '我要揭榜' }));
    fireEvent.change(within(claims).getByLabelText('以突击队名义揭榜'), { target: { value: ui.store.db.prepare("SELECT id FROM teams WHERE name = '超深海焊管专项攻关小组'").pluck().get() } });
    expect(within(claims).getByText('合计 100%')).toBeTruthy();
    expect(within(claims).getAllByRole('spinbutton').map((el) => (el as HTMLInputElement).value)).toEqual(['20', '20', '20', '20', '20']);
    // the plan is required before anything is sent
    fireEvent.click(within(claims).getByRole('button', { name: '提交揭榜申请' }));
    expect(within(claims).getByText('请填写攻关方案')).toBeTruthy();
    expect(count(ui, 'SELECT count(*) FROM claims WHERE challenge_id = ?', id)).toBe(2);
    fireEvent.change(within(claims).getByLabelText('攻关方案'), { target: { value: '焊接烟尘源头治理：改用低烟焊剂并加装工位侧吸罩；余热经换热器回收。' } });
    fireEvent.click(within(claims).getByRole('button', { name: '提交揭榜申请' }));
    expect(await screen.findByText('揭榜申请已提交')).toBeTruthy();
    const mine = await within(claims).findByRole('listitem', { name: '揭榜申请：超深海焊管专项攻关小组' });
    expect(within(mine).getByText('已申请')).toBeTruthy();
    expect(within(mine).getByText(/改用低烟焊剂/)).toBeTruthy();
    expect(within(claims).getByText('您已揭此榜，申请正在处理中。')).toBeTruthy();
    expect(count(ui, "SELECT count(*) FROM claims WHERE challenge_id = ? AND status = 'submitted' AND team_id IS NOT NULL", id)).toBe(1);

    // HQ decides
    await actAs(ui, '梁志远');
    fireEvent.click(await within(mine).findByRole('button', { name: '入围' }));
    await waitFor(() => expect(within(mine).getByText('入围')).toBeTruthy());
    fireEvent.click(within(mine).getByRole('button', { name: '选定' }));
    await waitFor(() => expect(within(mine).getByText('已选定')).toBeTruthy());

    // solo mode: once one claim is selected, no other is offered for selection
    const other = within(claims).getByRole('listitem', { name: '揭榜申请：梁永盛（个人揭榜）' });
    expect(within(other).getByText('已申请')).toBeTruthy();
    expect(within(other).queryByRole('button', { name: '选定' })).toBeNull();
    expect(within(other).getByRole('button', { name: '不予选定' })).toBeTruthy();

    // 挂帅
    fireEvent.click(within(mine).getByRole('button', { name: '挂帅' }));
    const dialog = await screen.findByRole('dialog', { name: '挂帅：超深海焊管专项攻关小组' });
    const leader = within(dialog).getByLabelText('挂帅人') as HTMLSelectElement;
    expect(leader.value).toBe(personId(ui, '黄克坚')); // the team's leader by default
    expect(within(leader).getAllByRole('option')).toHaveLength(5);
    fireEvent.change(leader, { target: { value: personId(ui, '梁永盛') } });
    fireEvent.change(within(dialog).getByLabelText('公示开始'), { target: { value: '2026-11-25' } });
    fireEvent.change(within(dialog).getByLabelText('公示结束'), { target: { value: '2026-11-20' } });
    expect(within(dialog).getByText('公示结束日期不能早于开始日期')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('公示结束'), { target: { value: '2026-11-30' } });
    fireEvent.change(within(dialog).getByLabelText('备注（可选）'), { target: { value: '由焊接专家挂帅' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确定挂帅' }));
    expect(await screen.findByText('已挂帅：梁永盛')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const header = screen.getByRole('heading', { level: 1 }).closest('header') as HTMLElement;
    await waitFor(() => expect(within(header).getByText('已挂帅')).toBeTruthy());
    expect(within(header).getByRole('link', { name: '梁永盛' })).toBeTruthy();
    const appointments = await section('挂帅');
    expect(within(appointments).getByText(/公示期 2026年11月25日 至 2026年11月30日/)).toBeTruthy();
    expect(within(appointments).getByText('由焊接专家挂帅')).toBeTruthy();
    expect(within(appointments).getByText(/梁志远 于 .* 决定/)).toBeTruthy();
    // the other open claims were declined with the appointment
    expect(within(other).getByText('未选中')).toBeTruthy();
    expect(statusOf(ui, id)).toBe('appointed');
    // now the pledge can be drafted
    const draft = within(await section('军令状')).getByRole('link', { name: '起草军令状' });
    expect(draft.getAttribute('href')).toBe(`/challenges/${id}/pledge/new`);
    // and the timeline tells the story
    const timeline = await section('留痕');
    expect(within(timeline).getByText('挂帅：梁永盛 任攻关负责人')).toBeTruthy();
    expect(within(timeline).getByText('选定揭榜方：超深海焊管专项攻关小组')).toBeTruthy();
    expect(within(timeline).getByText('黄克坚 提交揭榜申请（超深海焊管专项攻关小组）')).toBeTruthy();
  });

  it('an applicant withdraws their own claim; HQ declines one with a reason', async () => {
    const ui = await openUiStore();
    const id = challengeId(ui, 'JC2026-03');
    await ui.call('session.switchPerson', { personId: personId(ui, '梁永盛') });
    renderApp(ui.api, `/challenges/${id}`);
    const claims = await section('揭榜申请');
    const own = within(claims).getByRole('listitem', { name: '揭榜申请：梁永盛（个人揭榜）' });
    const others = within(claims).getByRole('listitem', { name: '揭榜申请：谭国华（个人揭榜）' });
    await screen.findByText('您已揭此榜，申请正在处理中。');
    expect(within(others).queryByRole('button', { name: '撤回申请' })).toBeNull();
    fireEvent.click(within(own).getByRole('button', { name: '撤回申请' }));
    expect(await screen.findByText('已撤回「梁永盛（个人揭榜）」的揭榜申请')).toBeTruthy();
    await waitFor(() => expect(within(own).getByText('已撤回')).toBeTruthy());

    await actAs(ui, '何敏');
    fireEvent.click(await within(others).findByRole('button', { name: '不予选定' }));
    const dialog = await screen.findByRole('dialog', { name: '不予选定：谭国华（个人揭榜）' });
    fireEvent.click(within(dialog).getByRole('button', { name: '不予选定' }));
    expect(within(dialog).getByText('此项必填')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('原因（将告知申请人）'), { target: { value: '方案未覆盖余热回收' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '不予选定' }));
    await waitFor(() => expect(within(others).getByText('未选中')).toBeTruthy());
    expect(within(others).getByText('方案未覆盖余热回收')).toBeTruthy();
    expect(ui.store.db.prepare("SELECT status_reason FROM claims WHERE status = 'not_selected' AND challenge_id = ?").pluck().get(id)).toBe('方案未覆盖余热回收');
  });

  it('refuses a site member publishing, with the service reason, and changes nothing', async () => {
    const ui = await openUiStore();
    const id = challengeId(ui, 'JC2026-05');
    await ui.call('session.switchPerson', { personId: personId(ui, '谭国华') });
    renderApp(ui.api, `/challenges/${id}`);
    const title = await screen.findByRole('heading', { level: 1, name: '深海管道试验基地外压试验数据自动采集与上传' });
    const header = title.closest('header') as HTMLElement;
    expect(within(header).getByText('草拟')).toBeTruthy();
    await screen.findByText('发榜、撤榜、流标、暂停、终止和归档由总部执行。');
    const events = count(ui, 'SELECT count(*) FROM events');
    fireEvent.click(within(header).getByRole('button', { name: '发榜' }));
    const dialog = await screen.findByRole('dialog', { name: '发榜：JC2026-05' });
    fireEvent.click(within(dialog).getByRole('button', { name: '发榜' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/谭国华 没有执行此操作的权限（challenge\.publish/);
    expect(statusOf(ui, id)).toBe('draft');
    expect(count(ui, 'SELECT count(*) FROM events')).toBe(events);
    expect(within(header).getByText('草拟')).toBeTruthy();
  });

  it('asks HQ for a reason before terminating; suspends with a reason and resumes', async () => {
    const ui = await openUiStore();
    const id = challengeId(ui, 'KJ2026-04');
    renderApp(ui.api, `/challenges/${id}`);
    const title = await screen.findByRole('heading', { level: 1, name: /瓦托水电站大坝安全在线监控系统建设/ });
    const header = title.closest('header') as HTMLElement;
    fireEvent.click(within(header).getByRole('button', { name: '终止' }));
    const dialog = await screen.findByRole('dialog', { name: '终止攻关：KJ2026-04' });
    expect(within(dialog).getByLabelText(/终止不可撤销/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '终止' }));
    expect(within(dialog).getByText('此项必填')).toBeTruthy();
    expect(statusOf(ui, id)).toBe('in_progress');
    // a blank reason is refused by the service too, in its own words
    const refused = await ui.api.challenges.terminate({ id, reason: '   ' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('VALIDATION');
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(statusOf(ui, id)).toBe('in_progress');

    fireEvent.click(within(header).getByRole('button', { name: '暂停' }));
    const suspend = await screen.findByRole('dialog', { name: '暂停攻关：KJ2026-04' });
    fireEvent.change(within(suspend).getByLabelText('暂停原因'), { target: { value: '坝肩边坡落石，暂停高处作业' } });
    fireEvent.click(within(suspend).getByRole('button', { name: '暂停' }));
    expect(await screen.findByText('已暂停攻关')).toBeTruthy();
    await waitFor(() => expect(within(header).getByText('暂停')).toBeTruthy());
    expect(within(header).getByText('坝肩边坡落石，暂停高处作业')).toBeTruthy();
    expect(statusOf(ui, id)).toBe('suspended');
    const timeline = await section('留痕');
    expect(within(timeline).getByText('暂停攻关')).toBeTruthy();
    expect(within(timeline).getByText('原因：坝肩边坡落石，暂停高处作业')).toBeTruthy();
    expect(within(timeline).getAllByText('状态：攻关中 → 暂停').length).toBeGreaterThan(0);
    // resuming is a plain move
    fireEvent.click(within(header).getByRole('button', { name: '恢复攻关' }));
    await waitFor(() => expect(statusOf(ui, id)).toBe('in_progress'));
  });

  it('HQ creates a 子榜 under a challenge; a site person is not offered the form', async () => {
    const ui = await openUiStore();
    const parent = challengeId(ui, 'KJ2026-02');
    renderApp(ui.api, `/challenges/${parent}`);
    const children = await section('子榜');
    fireEvent.click(await within(children).findByRole('button', { name: '新建子榜' }));
    const form = within(children).getByRole('form', { name: '新建 KJ2026-02 的子榜' });
    fireEvent.click(within(form).getByRole('button', { name: '创建子榜（草拟）' }));
    expect(within(form).getByText('请填写子榜名称')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('子榜名称'), { target: { value: '防腐子榜：深海管道三层PE外防腐涂敷' } });
    fireEvent.click(within(form).getByRole('button', { name: '添加指标' }));
    fireEvent.change(within(form).getByLabelText('第 1 个指标的名称'), { target: { value: '涂层剥离强度' } });
    fireEvent.change(within(form).getByLabelText('第 1 个指标的目标'), { target: { value: '150' } });
    fireEvent.change(within(form).getByLabelText('第 1 个指标的单位'), { target: { value: 'N/cm' } });
    fireEvent.click(within(form).getByRole('button', { name: '创建子榜（草拟）' }));
    expect(await screen.findByText('子榜「防腐子榜：深海管道三层PE外防腐涂敷」已创建（草拟），发榜后可揭榜')).toBeTruthy();
    const link = await within(children).findByRole('link', { name: '防腐子榜：深海管道三层PE外防腐涂敷' });
    const row = ui.store.db.prepare('SELECT id, code, status, parent_id, kpis FROM challenges WHERE title = ?').get('防腐子榜：深海管道三层PE外防腐涂敷') as {
      id: string; code: string; status: string; parent_id: string; kpis: string;
    };
    expect(row).toMatchObject({ code: 'KJ2026-02-4', status: 'draft', parent_id: parent });
    expect(JSON.parse(row.kpis)).toEqual([expect.objectContaining({ name: '涂层剥离强度', target: '150', unit: 'N/cm' })]);
    expect(link.getAttribute('href')).toBe(`/challenges/${row.id}`);
    expect(within(children).getByText('共 4 个，3 个未完成')).toBeTruthy();

    await actAs(ui, '黄克坚');
    await waitFor(() => expect(within(children).queryByRole('button', { name: '新建子榜' })).toBeNull());
  });

  it('says so when the challenge does not exist', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/challenges/no-such-challenge');
    expect(await screen.findByText('找不到这个榜题')).toBeTruthy();
    expect(screen.getByRole('link', { name: '回到榜单' }).getAttribute('href')).toBe('/');
  });

  it('renders in English', async () => {
    const ui = await openUiStore();
    const id = challengeId(ui, 'KJ2026-02');
    renderApp(ui.api, `/challenges/${id}`, 'en');
    const title = await screen.findByRole('heading', { level: 1, name: '3500米级超深海油气输送用直缝埋弧焊管研制' });
    const header = title.closest('header') as HTMLElement;
    expect(within(header).getByText('In progress')).toBeTruthy();
    expect(within(header).getByText('Executing site')).toBeTruthy();
    expect(within(header).getByRole('button', { name: 'Suspend' })).toBeTruthy();
    const toc = screen.getByRole('navigation', { name: 'On this page' });
    expect(within(toc).getByRole('button', { name: 'Sub-challenges' })).toBeTruthy();
    const kpis = await section('KPIs');
    expect(within(kpis).getAllByText('No measurement yet').length).toBe(4);
    const pledges = await section('Pledges');
    expect(within(pledges).getByText('v2')).toBeTruthy();
    expect(within(pledges).getByText('Superseded by an amendment')).toBeTruthy();
    await within(pledges).findAllByText('3 signed, complete');
    const timeline = await section('Timeline');
    expect(within(timeline).getByText('Signed pledge JLZ-2026-002 (v2) as Issuer')).toBeTruthy();
    expect(within(timeline).getByText('Logged progress (Nov 19, 2026, 78% done)')).toBeTruthy();
    const events = count(ui, 'SELECT count(*) FROM events WHERE challenge_id = ?', id);
    expect(within(timeline).getByText(`${events} entries`)).toBeTruthy();
  });

  it('gives the service reason for a refusal in English', async () => {
    const ui = await openUiStore();
    const draft = challengeId(ui, 'JC2026-05');
    await ui.call('session.switchPerson', { personId: personId(ui, '谭国华') });
    renderApp(ui.api, `/challenges/${draft}`, 'en');
    const title = await screen.findByRole('heading', { level: 1, name: '深海管道试验基地外压试验数据自动采集与上传' });
    const header = title.closest('header') as HTMLElement;
    expect(within(header).getByText('Draft')).toBeTruthy();
    fireEvent.click(within(header).getByRole('button', { name: 'Publish' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Publish JC2026-05' })).getByRole('button', { name: 'Publish' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/谭国华 is not allowed to do challenge\.publish/);
    expect(statusOf(ui, draft)).toBe('draft');
  });
});
