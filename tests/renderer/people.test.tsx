// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { UiStore } from '../support/ui';
import { openUiStore, renderApp } from '../support/ui';

interface PersonRow { id: string; name: string; post: string; active: boolean; roles: string[]; siteId: string; partyBranch: string | null }
interface SiteRow { id: string; name: string }
interface TeamRow { id: string; name: string; leaderId: string; memberIds: string[]; siteId: string }

async function personId(ui: UiStore, name: string): Promise<string> {
  const people = await ui.call<PersonRow[]>('people.list', {});
  const found = people.find((p) => p.name === name);
  if (!found) throw new Error(`no person ${name}`);
  return found.id;
}

async function actAs(ui: UiStore, name: string): Promise<void> {
  await ui.call('session.switchPerson', { personId: await personId(ui, name) });
}

/** Chooses the option whose text is `text` (select boxes are chosen by what a person reads). */
function choose(select: HTMLElement, text: string): void {
  const option = [...(select as HTMLSelectElement).options].find((o) => o.textContent === text);
  if (!option) throw new Error(`no option ${text}`);
  fireEvent.change(select, { target: { value: option.value } });
}

async function directoryRows(): Promise<HTMLElement[]> {
  const section = await screen.findByRole('region', { name: /人员名录|Directory/ });
  const table = within(section).queryByRole('table');
  return table ? within(table).getAllByRole('row').slice(1) : [];
}

function namesIn(rows: HTMLElement[]): string[] {
  return rows.map((r) => within(r).getByRole('rowheader').textContent ?? '');
}

const DAM = '瓦托水电站坝址（海拔4000米）';

describe('people and teams', () => {
  it('lists the 35 demo people and the 5 teams, and filters by site, role, status and text', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/people');
    expect(await screen.findByRole('heading', { level: 1, name: '人员与突击队' })).toBeTruthy();
    expect(await directoryRows()).toHaveLength(35);
    expect(screen.getByText('共 35 人')).toBeTruthy();
    // a row says site, post, roles and party membership
    const row = (await directoryRows()).find((r) => within(r).queryByRole('link', { name: '杜河清' })) as HTMLElement;
    expect(within(row).getByText(DAM)).toBeTruthy();
    expect(within(row).getByText('瓦托项目经理')).toBeTruthy();
    expect(within(row).getByText('现场负责人')).toBeTruthy();
    expect(within(row).getByText(/^党员/)).toBeTruthy();
    expect(within(row).getByText('在岗')).toBeTruthy();
    const teams = screen.getByRole('region', { name: '突击队' });
    expect(within(teams).getAllByRole('heading', { level: 3 })).toHaveLength(5);

    choose(screen.getByLabelText('单位'), DAM);
    expect(namesIn(await directoryRows()).sort()).toEqual(['杜河清', '王鹏', '王升强', '李广', '彭雄武', '次仁多吉'].sort());
    expect(screen.getByText('共 35 人，符合条件 6 人')).toBeTruthy();
    // the teams narrow to the site too
    expect(within(teams).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['瓦托“揭榜攻关台”党员突击队']);

    choose(screen.getByLabelText('角色'), '现场负责人');
    expect(namesIn(await directoryRows())).toEqual(['杜河清']);

    fireEvent.click(screen.getByRole('button', { name: '清除筛选' }));
    choose(screen.getByLabelText('角色'), '监督人');
    expect(namesIn(await directoryRows()).sort()).toEqual(['冯志刚', '罗建国', '邓丽华', '钟伟', '黄利军'].sort());

    fireEvent.click(screen.getByRole('button', { name: '清除筛选' }));
    fireEvent.change(screen.getByLabelText('关键词'), { target: { value: '焊' } });
    expect(namesIn(await directoryRows()).sort()).toEqual(['梁永盛', '谭国华'].sort());
    fireEvent.change(screen.getByLabelText('关键词'), { target: { value: '没有这个人' } });
    expect(await directoryRows()).toEqual([]);
    expect(screen.getByText('没有符合条件的人员')).toBeTruthy();
    expect(screen.getByText('没有符合条件的突击队')).toBeTruthy();

    fireEvent.click(screen.getAllByRole('button', { name: '清除筛选' })[0] as HTMLElement);
    choose(screen.getByLabelText('状态'), '已停用');
    expect(await directoryRows()).toEqual([]);
  });

  it('an HQ administrator adds a person, after the form has said what is missing', async () => {
    const ui = await openUiStore();
    await actAs(ui, '陈立');
    renderApp(ui.api, '/people');
    fireEvent.click(await screen.findByRole('button', { name: '新增人员' }));
    const dialog = await screen.findByRole('dialog', { name: '新增人员' });
    expect(within(dialog).queryByText(/需要「总部管理员」角色/)).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: '新增' }));
    expect(within(dialog).getByText('请填写姓名')).toBeTruthy();
    expect(within(dialog).getByText('请选择单位', { selector: '.field-error' })).toBeTruthy();
    expect(within(dialog).getByText('至少选择一个角色')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByLabelText('姓名'));
    expect(await ui.call<PersonRow[]>('people.list', {})).toHaveLength(35);

    fireEvent.change(within(dialog).getByLabelText('姓名'), { target: { value: '扎西次仁' } });
    choose(within(dialog).getByLabelText('单位'), DAM);
    fireEvent.change(within(dialog).getByLabelText('岗位'), { target: { value: '水工观测员' } });
    fireEvent.click(within(dialog).getByLabelText('中共党员'));
    fireEvent.change(within(dialog).getByLabelText('所在党支部'), { target: { value: '瓦托项目党支部' } });
    fireEvent.click(within(dialog).getByLabelText('现场成员'));
    fireEvent.click(within(dialog).getByRole('button', { name: '新增' }));

    expect(await screen.findByText('已新增人员 扎西次仁')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const row = await waitFor(() => {
      const found = screen.getAllByRole('row').find((r) => within(r).queryByRole('link', { name: '扎西次仁' }));
      expect(found).toBeTruthy();
      return found as HTMLElement;
    });
    expect(within(row).getByText('水工观测员')).toBeTruthy();
    expect(within(row).getByText('党员 · 瓦托项目党支部')).toBeTruthy();
    expect(within(row).getByText('现场成员')).toBeTruthy();
    expect(await directoryRows()).toHaveLength(36);
    const stored = (await ui.call<PersonRow[]>('people.list', {})).find((p) => p.name === '扎西次仁');
    expect(stored).toMatchObject({ post: '水工观测员', roles: ['site_member'], partyBranch: '瓦托项目党支部', active: true });
    // the person switcher offers the new person too
    const switcher = screen.getByLabelText('当前用户') as HTMLSelectElement;
    await waitFor(() => expect([...switcher.options].some((o) => o.textContent === '扎西次仁')).toBe(true));
  });

  it('a site member\'s attempt is refused with the service\'s reason, and nothing is added', async () => {
    const ui = await openUiStore();
    await actAs(ui, '何志强');
    renderApp(ui.api, '/people');
    // only HQ administrators get edit buttons in the table
    await directoryRows();
    expect(screen.queryByRole('button', { name: /^编辑/ })).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: '新增人员' }));
    const dialog = await screen.findByRole('dialog', { name: '新增人员' });
    expect(within(dialog).getByText(/新增和修改人员需要「总部管理员」角色；你当前的角色是 现场成员/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('姓名'), { target: { value: '未授权新增' } });
    choose(within(dialog).getByLabelText('单位'), '深海管道全尺寸试验基地');
    fireEvent.click(within(dialog).getByLabelText('现场成员'));
    fireEvent.click(within(dialog).getByRole('button', { name: '新增' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toMatch(/^未能保存：何志强 没有执行此操作的权限（person\.manage，需要角色：hq_admin）$/);
    expect(screen.getByRole('dialog')).toBe(dialog);
    expect(await ui.call<PersonRow[]>('people.list', {})).toHaveLength(35);

    // a team too: a site member may not form one
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    fireEvent.click(screen.getByRole('button', { name: '新增突击队' }));
    const teamDialog = await screen.findByRole('dialog', { name: '新增突击队' });
    expect((within(teamDialog).getByLabelText('单位') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('深海管道全尺寸试验基地');
    fireEvent.change(within(teamDialog).getByLabelText('队名'), { target: { value: '无损检测突击队' } });
    choose(within(teamDialog).getByLabelText('队长'), '苏明（试验检测中心主任）');
    fireEvent.click(within(teamDialog).getByRole('button', { name: '新增' }));
    expect((await within(teamDialog).findByRole('alert')).textContent).toMatch(/team\.manage/);
    expect(await ui.call<TeamRow[]>('teams.list', {})).toHaveLength(5);
  });

  it('an HQ administrator edits and deactivates a person', async () => {
    const ui = await openUiStore();
    await actAs(ui, '陈立');
    renderApp(ui.api, '/people');
    fireEvent.click(await screen.findByRole('button', { name: '编辑 何志强' }));
    const dialog = await screen.findByRole('dialog', { name: '编辑人员：何志强' });
    const post = within(dialog).getByLabelText('岗位') as HTMLInputElement;
    expect(post.value).toBe('无损检测工程师（UT Ⅲ级）');
    fireEvent.change(post, { target: { value: '无损检测室主任' } });
    fireEvent.click(within(dialog).getByLabelText(/^在岗/));
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存 何志强 的信息')).toBeTruthy();
    const row = await waitFor(() => {
      const found = screen.getAllByRole('row').find((r) => within(r).queryByText('无损检测室主任'));
      expect(found).toBeTruthy();
      return found as HTMLElement;
    });
    expect(within(row).getByText('已停用')).toBeTruthy();
    choose(screen.getByLabelText('状态'), '已停用');
    expect(namesIn(await directoryRows())).toEqual(['何志强']);
    expect((await ui.call<PersonRow[]>('people.list', {})).find((p) => p.name === '何志强')).toMatchObject({ post: '无损检测室主任', active: false });
  });

  it('HQ forms a team with a leader and members, and edits it', async () => {
    const ui = await openUiStore(); // as the HQ officer 梁志远
    renderApp(ui.api, '/people');
    fireEvent.click(await screen.findByRole('button', { name: '新增突击队' }));
    const dialog = await screen.findByRole('dialog', { name: '新增突击队' });
    fireEvent.click(within(dialog).getByRole('button', { name: '新增' }));
    expect(within(dialog).getByText('请填写队名')).toBeTruthy();
    expect(within(dialog).getByText('请选择单位', { selector: '.field-error' })).toBeTruthy();
    expect(within(dialog).getByText('请选择队长', { selector: '.field-error' })).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('队名'), { target: { value: '立管防腐突击队' } });
    choose(within(dialog).getByLabelText('单位'), '南海深水生产平台');
    choose(within(dialog).getByLabelText('队长'), '郑海涛（平台经理）');
    fireEvent.click(within(dialog).getByLabelText(/^马晓东/));
    fireEvent.change(within(dialog).getByLabelText('简介'), { target: { value: '专攻飞溅区腐蚀监测。' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '新增' }));
    expect(await screen.findByText('已新增突击队 立管防腐突击队')).toBeTruthy();

    const teams = screen.getByRole('region', { name: '突击队' });
    const card = await waitFor(() => {
      const heading = within(teams).getByRole('heading', { name: '立管防腐突击队' });
      return heading.closest('li') as HTMLElement;
    });
    expect(within(card).getByRole('link', { name: '郑海涛' })).toBeTruthy();
    expect(within(card).getByRole('link', { name: '马晓东' })).toBeTruthy();
    expect(within(card).getByText('队员（2 人）')).toBeTruthy();
    expect(within(card).getByText('专攻飞溅区腐蚀监测。')).toBeTruthy();

    fireEvent.click(within(card).getByRole('button', { name: '编辑 立管防腐突击队' }));
    const edit = await screen.findByRole('dialog', { name: '编辑突击队：立管防腐突击队' });
    expect((within(edit).getByLabelText(/^马晓东/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(edit).getByLabelText(/^马晓东/));
    fireEvent.click(within(edit).getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存突击队 立管防腐突击队')).toBeTruthy();
    await waitFor(() => expect(within(card).getByText('队员（1 人）')).toBeTruthy());
    const stored = (await ui.call<TeamRow[]>('teams.list', {})).find((t) => t.name === '立管防腐突击队') as TeamRow;
    const sites = await ui.call<SiteRow[]>('sites.list', {});
    expect(stored.siteId).toBe(sites.find((s) => s.name === '南海深水生产平台')?.id);
    expect(stored.memberIds).toEqual([await personId(ui, '郑海涛')]);
  });

  it('a person page shows the person, their teams, challenges and pledges with roles and links', async () => {
    const ui = await openUiStore();
    const view = renderApp(ui.api, `/people/${await personId(ui, '杜河清')}`);
    expect(await screen.findByRole('heading', { level: 1, name: '杜河清' })).toBeTruthy();
    expect(screen.getByText('瓦托项目经理')).toBeTruthy();
    const teams = screen.getByRole('region', { name: '所在突击队' });
    expect(within(teams).getByText('瓦托“揭榜攻关台”党员突击队')).toBeTruthy();
    expect(within(teams).getByText('队长')).toBeTruthy();

    const challenges = screen.getByRole('region', { name: '揭榜与挂帅' });
    const crow = within(challenges).getByRole('link', { name: '瓦托水电站大坝安全在线监控系统建设（DL/T 2096）' }).closest('tr') as HTMLElement;
    expect(within(crow).getByText('KJ2026-04')).toBeTruthy();
    expect(within(crow).getByText('挂帅')).toBeTruthy();
    expect(within(crow).getByText('揭榜人')).toBeTruthy();
    expect(within(crow).getByText('攻关中')).toBeTruthy();
    expect(within(crow).getByText('已选定')).toBeTruthy();

    const pledges = screen.getByRole('region', { name: '军令状' });
    const link = within(pledges).getByRole('link', { name: '瓦托水电站大坝安全在线监控系统攻坚军令状' });
    const prow = link.closest('tr') as HTMLElement;
    expect(within(prow).getByText('立状人已签')).toBeTruthy();
    expect(within(prow).getByText('执行中')).toBeTruthy();
    fireEvent.click(link);
    await waitFor(() => expect(view.history.at(-1)).toMatch(/^\/pledges\//));
  });

  it('a witness and supervisor sees what is signed and unsigned; an empty record says so', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/people/${await personId(ui, '罗建国')}`);
    const pledges = await screen.findByRole('region', { name: '军令状' });
    expect(within(pledges).getAllByText('见证人未签')).toHaveLength(2);
    expect(within(pledges).getByText('监督人已签')).toBeTruthy();
    expect(within(pledges).getByText('已被修订版取代')).toBeTruthy();
    expect(within(pledges).getByText('第 2 版')).toBeTruthy();
    expect(screen.getByText('没有挂帅或参与揭榜的榜题')).toBeTruthy();
    expect(screen.getByText('没有加入突击队')).toBeTruthy();
  });

  it('a person who does not exist gets the service\'s reason and a way back', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/people/no-such-person');
    expect((await screen.findByRole('alert')).textContent).toMatch(/人员/);
    expect(screen.getByRole('link', { name: '返回人员名录' })).toBeTruthy();
  });

  it('reads in English', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/people', 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'People & teams' })).toBeTruthy();
    expect(await directoryRows()).toHaveLength(35);
    expect(screen.getByText('35 people')).toBeTruthy();
    choose(screen.getByLabelText('Role'), 'Site lead');
    expect((await directoryRows()).every((r) => within(r).queryByText('Site lead'))).toBe(true);
    expect(screen.getByRole('button', { name: 'Add person' })).toBeTruthy();
  });

  it('a person page reads in English', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/people/${await personId(ui, '张慧春')}`, 'en');
    const pledges = await screen.findByRole('region', { name: 'Pledges (军令状)' });
    expect(within(pledges).getByText('Pledger signed')).toBeTruthy();
    expect(within(pledges).getByText('Fulfilled')).toBeTruthy();
    const challenges = screen.getByRole('region', { name: 'Challenges claimed and led' });
    expect(within(challenges).getByText('Leader')).toBeTruthy();
    expect(within(challenges).getByText('Assessed')).toBeTruthy();
  });
});
