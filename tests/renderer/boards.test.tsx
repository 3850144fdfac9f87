// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UiStore } from '../support/ui';
import { openUiStore, renderApp } from '../support/ui';

interface BoardRow {
  id: string;
  title: string;
}
interface CardRow {
  id: string;
  code: string;
  status: string;
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

async function boardId(ui: UiStore, titlePart: string): Promise<string> {
  const boards = await ui.call<BoardRow[]>('boards.list', {});
  const board = boards.find((b) => b.title.includes(titlePart));
  if (!board) throw new Error(`no demo board with ${titlePart}`);
  return board.id;
}

async function challengeByCode(ui: UiStore, code: string): Promise<CardRow> {
  const cards = await ui.call<CardRow[]>('challenges.byStatus', {});
  const card = cards.find((c) => c.code === code);
  if (!card) throw new Error(`no demo challenge ${code}`);
  return card;
}

async function personId(ui: UiStore, name: string): Promise<string> {
  const people = await ui.call<{ id: string; name: string }[]>('people.list', {});
  const person = people.find((p) => p.name === name);
  if (!person) throw new Error(`no demo person ${name}`);
  return person.id;
}

/** A board column, found by its heading (the name starts with the column title). */
async function column(title: string): Promise<HTMLElement> {
  return screen.findByRole('region', { name: new RegExp(`^${title}`) });
}

function card(container: HTMLElement, code: string): HTMLElement {
  return within(container).getByRole('article', { name: new RegExp(`^${code} `) });
}

function codesIn(container: HTMLElement): string[] {
  return within(container)
    .queryAllByRole('article')
    .map((a) => (a.getAttribute('aria-label') ?? '').split(' ')[0] as string)
    .sort();
}

/** An HTML5 drag as the browser sends it: dragstart on the card, dragover and drop on the target. */
function drag(source: HTMLElement, target: HTMLElement) {
  const data = new Map<string, string>();
  const dataTransfer = {
    setData: (type: string, value: string) => data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    effectAllowed: 'all',
    dropEffect: 'none',
  };
  fireEvent.dragStart(source, { dataTransfer });
  fireEvent.dragEnter(target, { dataTransfer });
  fireEvent.dragOver(target, { dataTransfer });
  fireEvent.drop(target, { dataTransfer });
  fireEvent.dragEnd(source, { dataTransfer });
}

describe('the boards home', () => {
  it('lists the three demo boards with their counts, progress and overdue challenges', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/');
    expect(await screen.findByRole('heading', { level: 1, name: '榜单' })).toBeTruthy();
    const tech = (await screen.findByRole('heading', { name: '2026年度科技攻关榜' })).closest('li') as HTMLElement;
    const grassroots = screen.getByRole('heading', { name: '2026年度基层申报攻坚榜' }).closest('li') as HTMLElement;
    const green = screen.getByRole('heading', { name: '2027年度绿色发展榜（征集中）' }).closest('li') as HTMLElement;
    expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(3);

    expect(within(tech).getByText('6 道榜题，3 个子榜')).toBeTruthy();
    expect(within(tech).getByText('1 道逾期')).toBeTruthy();
    const techChips = within(tech).getByRole('list', { name: '按状态统计' });
    expect(techChips.textContent).toContain('攻关中3');
    expect(techChips.textContent).toContain('待验收2');
    expect(techChips.textContent).toContain('已完成2');
    expect(techChips.textContent).toContain('已终止2');
    expect(within(tech).getByRole('progressbar', { name: '2026年度科技攻关榜 总体进度' })).toBeTruthy();

    expect(within(grassroots).getByText('5 道榜题，0 个子榜')).toBeTruthy();
    expect(within(grassroots).getByRole('list', { name: '按状态统计' }).textContent).toContain('揭榜中1');
    expect(within(green).getByText('无逾期')).toBeTruthy();
    expect(within(green).getByText('尚未开始')).toBeTruthy();
    // the title opens the board
    expect(within(tech).getByRole('link', { name: '2026年度科技攻关榜' }).getAttribute('href')).toContain('/boards/');
  });

  it('narrows by category, site, status, overdue and "mine", and lists the matching challenges', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/');
    await screen.findByRole('heading', { name: '2026年度科技攻关榜' });
    expect(screen.queryByRole('table')).toBeNull();

    fireEvent.change(screen.getByLabelText('类别'), { target: { value: 'safety' } });
    const results = await screen.findByRole('region', { name: '符合筛选的榜题' });
    const table = within(results).getByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4)); // header + 3
    for (const code of ['JC2026-01', 'KJ2026-04', 'KJ2026-06']) expect(within(table).getByText(code)).toBeTruthy();
    expect(within(table).queryByText('KJ2026-01')).toBeNull();
    // the board without a matching challenge steps aside
    expect(screen.queryByRole('heading', { name: '2027年度绿色发展榜（征集中）' })).toBeNull();
    expect(screen.getByText('找到 3 道符合条件的榜题，分布在 2 个榜单')).toBeTruthy();

    fireEvent.click(screen.getByLabelText('只看逾期'));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(within(table).getByText('JC2026-01')).toBeTruthy();
    expect(within(table).getByText('KJ2026-04')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: '符合筛选的榜题' })).toBeNull());
    expect(screen.getByRole('heading', { name: '2027年度绿色发展榜（征集中）' })).toBeTruthy();

    // status is the board's column: 待验收 holds acceptance requests and rework
    fireEvent.change(screen.getByLabelText('状态'), { target: { value: 'acceptance' } });
    const byStatus = within(await screen.findByRole('region', { name: '符合筛选的榜题' })).getByRole('table');
    await waitFor(() => expect(within(byStatus).getAllByRole('row')).toHaveLength(4));
    for (const code of ['JC2026-02', 'KJ2026-02-3', 'KJ2026-03']) expect(within(byStatus).getByText(code)).toBeTruthy();

    // a site and a category with nothing in common: the empty state says what to do
    const sites = await ui.call<{ id: string; code: string }[]>('sites.list', {});
    fireEvent.change(screen.getByLabelText('状态'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('执行单位'), { target: { value: sites.find((s) => s.code === 'ZY-PY')?.id } });
    fireEvent.change(screen.getByLabelText('类别'), { target: { value: 'green' } });
    expect(await screen.findByText('没有符合筛选条件的榜题')).toBeTruthy();
    fireEvent.click(within(screen.getByRole('region', { name: '符合筛选的榜题' })).getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(screen.getAllByRole('heading', { level: 2 })).toHaveLength(3));
  });

  it('"mine" lists what the current person leads, claimed or pledged', async () => {
    const ui = await openUiStore();
    await ui.call('session.switchPerson', { personId: await personId(ui, '黄克坚') });
    renderApp(ui.api, '/');
    const mine = (await screen.findByLabelText('与我相关')) as HTMLInputElement;
    await waitFor(() => expect(mine.disabled).toBe(false));
    fireEvent.click(mine);
    const results = await screen.findByRole('region', { name: '符合筛选的榜题' });
    const table = await within(results).findByRole('table');
    expect(within(table).getByText('KJ2026-02')).toBeTruthy();
    expect(within(table).queryByText('KJ2026-04')).toBeNull();
    // the filters stay for the session
    expect(JSON.parse(sessionStorage.getItem('jiebang.home.filters') ?? '{}').mine).toBe(true);
  });

  it('speaks English', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/', 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Boards' })).toBeTruthy();
    const tech = (await screen.findByRole('heading', { name: '2026年度科技攻关榜' })).closest('li') as HTMLElement;
    expect(within(tech).getByText('6 challenges, 3 sub-challenges')).toBeTruthy();
    expect(within(tech).getByText('1 overdue')).toBeTruthy();
    expect(screen.getByLabelText('Overdue only')).toBeTruthy();
    expect(screen.getByLabelText('Category')).toBeTruthy();
  });
});

describe('the board', () => {
  it('puts the demo challenges in the right columns, with counts in the headers', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await boardId(ui, '科技攻关')}`);
    expect(await screen.findByRole('heading', { level: 1, name: '2026年度科技攻关榜' })).toBeTruthy();
    expect(codesIn(await column('攻关中'))).toEqual(['KJ2026-02', 'KJ2026-02-2', 'KJ2026-04']);
    expect(codesIn(await column('待验收'))).toEqual(['KJ2026-02-3', 'KJ2026-03']);
    expect(codesIn(await column('已完成'))).toEqual(['KJ2026-01', 'KJ2026-02-1']);
    expect(codesIn(await column('已终止'))).toEqual(['KJ2026-05', 'KJ2026-06']);
    expect(codesIn(await column('草拟'))).toEqual([]);
    expect(within(await column('攻关中')).getByLabelText('3 道榜题')).toBeTruthy();

    // a card: leader, deadline, light, progress, 子榜 count, overdue mark
    const parent = card(await column('攻关中'), 'KJ2026-02');
    expect(within(parent).getByText('黄克坚')).toBeTruthy();
    expect(within(parent).getByText('子榜 3')).toBeTruthy();
    expect(within(parent).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('88');
    expect(within(parent).getByText('正常')).toBeTruthy();
    const dam = card(await column('攻关中'), 'KJ2026-04');
    expect(within(dam).getAllByText('逾期').length).toBeGreaterThan(0);
  });

  it('shows the grassroots board: claims split 待揭榜 from 揭榜中, and 暂停 and 整改 carry badges', async () => {
    const ui = await openUiStore();
    const view = renderApp(ui.api, `/boards/${await boardId(ui, '基层申报')}`);
    expect(codesIn(await column('草拟'))).toEqual(['JC2026-05']);
    expect(codesIn(await column('揭榜中'))).toEqual(['JC2026-03']);
    expect(codesIn(await column('待揭榜'))).toEqual([]);
    expect(codesIn(await column('已挂帅'))).toEqual(['JC2026-04']);
    const suspended = card(await column('攻关中'), 'JC2026-01');
    expect(within(suspended).getByText('暂停')).toBeTruthy();
    expect(within(card(await column('待验收'), 'JC2026-02')).getByText('整改')).toBeTruthy();
    // a click on the card opens its challenge
    fireEvent.click(within(suspended).getByText('郑海涛'));
    const jc1 = await challengeByCode(ui, 'JC2026-01');
    expect(view.history.at(-1)).toBe(`/challenges/${jc1.id}`);
  });

  it('publishes a draft dropped on 待揭榜, and the card moves', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await boardId(ui, '基层申报')}`);
    const draft = await column('草拟');
    drag(card(draft, 'JC2026-05'), await column('待揭榜'));
    expect(await screen.findByText('JC2026-05 已发榜')).toBeTruthy();
    await waitFor(async () => expect(codesIn(await column('待揭榜'))).toEqual(['JC2026-05']));
    expect(codesIn(await column('草拟'))).toEqual([]);
    expect((await challengeByCode(ui, 'JC2026-05')).status).toBe('published');
  });

  it('publishes a challenge created just now, by drag', async () => {
    const ui = await openUiStore();
    const board = await boardId(ui, '科技攻关');
    await ui.call('challenges.create', {
      boardId: board, code: 'KJ2026-07', title: '高原坝区混凝土温控智能养护', category: 'safety', deadline: '2027-06-30', teamMode: 'solo', siteId: null,
    });
    renderApp(ui.api, `/boards/${board}`);
    await waitFor(async () => expect(codesIn(await column('草拟'))).toEqual(['KJ2026-07']));
    drag(card(await column('草拟'), 'KJ2026-07'), await column('待揭榜'));
    await waitFor(async () => expect(codesIn(await column('待揭榜'))).toEqual(['KJ2026-07']));
    expect((await challengeByCode(ui, 'KJ2026-07')).status).toBe('published');
  });

  it('refuses a drop with the service’s reason when the person may not do it, and nothing changes', async () => {
    const ui = await openUiStore();
    await ui.call('session.switchPerson', { personId: await personId(ui, '何志强') }); // a site member
    renderApp(ui.api, `/boards/${await boardId(ui, '基层申报')}`);
    drag(card(await column('草拟'), 'JC2026-05'), await column('待揭榜'));
    const alert = await screen.findByText(/何志强 没有执行此操作的权限（challenge\.publish/);
    expect(alert.closest('[role="alert"]')).toBeTruthy();
    expect((await challengeByCode(ui, 'JC2026-05')).status).toBe('draft');
    expect(codesIn(await column('草拟'))).toEqual(['JC2026-05']);
    expect(codesIn(await column('待揭榜'))).toEqual([]);
  });

  it('refuses with the service’s reason when the board itself is not published', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await boardId(ui, '绿色发展')}`);
    drag(card(await column('草拟'), 'LS2027-01'), await column('待揭榜'));
    expect(await screen.findByText('榜单尚未发布：请先发布榜单')).toBeTruthy();
    expect((await challengeByCode(ui, 'LS2027-01')).status).toBe('draft');
  });

  it('refuses steps that need the challenge page, and steps the process does not have', async () => {
    const ui = await openUiStore();
    const view = renderApp(ui.api, `/boards/${await boardId(ui, '基层申报')}`);
    drag(card(await column('揭榜中'), 'JC2026-03'), await column('已挂帅'));
    expect(await screen.findByText(/JC2026-03：挂帅需要选定揭榜申请并确定挂帅人，请打开榜题完成挂帅/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '打开榜题' }));
    const jc3 = await challengeByCode(ui, 'JC2026-03');
    expect(view.history.at(-1)).toBe(`/challenges/${jc3.id}`);
    expect(jc3.status).toBe('published');

    view.navigate(`/boards/${await boardId(ui, '基层申报')}`);
    drag(card(await column('已挂帅'), 'JC2026-04'), await column('草拟'));
    expect(await screen.findByText('JC2026-04 当前为「已挂帅」，不能移到「草拟」：揭榜挂帅流程中没有这一步')).toBeTruthy();
    expect((await challengeByCode(ui, 'JC2026-04')).status).toBe('appointed');
  });

  it('asks why before suspending, and resumes from the keyboard menu', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await boardId(ui, '科技攻关')}`);
    const working = await column('攻关中');
    const strip = within(working).getByText('拖到这里暂停攻关');
    drag(card(working, 'KJ2026-04'), strip);
    const dialog = await screen.findByRole('dialog', { name: '暂停攻关' });
    fireEvent.click(within(dialog).getByRole('button', { name: '暂停' }));
    expect(within(dialog).getByText('此项必填')).toBeTruthy();
    expect((await challengeByCode(ui, 'KJ2026-04')).status).toBe('in_progress');
    fireEvent.change(within(dialog).getByLabelText('原因（必填，记入留痕）'), { target: { value: '坝址大雪封山，人员撤离' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '暂停' }));
    expect(await screen.findByText('KJ2026-04 已暂停攻关')).toBeTruthy();
    expect((await challengeByCode(ui, 'KJ2026-04')).status).toBe('suspended');
    await waitFor(async () => expect(within(card(await column('攻关中'), 'KJ2026-04')).getByText('暂停')).toBeTruthy());

    // the keyboard way: "move to…" offers the same targets
    fireEvent.click(within(card(await column('攻关中'), 'KJ2026-04')).getByRole('button', { name: '移到…：把 KJ2026-04 移到其他列' }));
    const menu = await screen.findByRole('dialog', { name: '移动 KJ2026-04 到…' });
    const options = within(menu).getAllByRole('button').map((b) => b.textContent);
    expect(options).toContain('攻关中恢复攻关');
    expect(options).toContain('已终止终止（需填写原因，不可撤销）');
    fireEvent.click(within(menu).getByRole('button', { name: /^攻关中/ }));
    expect(await screen.findByText('KJ2026-04 已恢复攻关')).toBeTruthy();
    expect((await challengeByCode(ui, 'KJ2026-04')).status).toBe('in_progress');
  });

  it('chooses withdraw or 流标 for a published challenge, confirms, and cancelling changes nothing', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await boardId(ui, '基层申报')}`);
    drag(card(await column('揭榜中'), 'JC2026-03'), await column('已终止'));
    let dialog = await screen.findByRole('dialog', { name: '撤榜或流标' });
    expect(within(dialog).getByText('此操作不可撤销。')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((await challengeByCode(ui, 'JC2026-03')).status).toBe('published');

    drag(card(await column('揭榜中'), 'JC2026-03'), await column('已终止'));
    dialog = await screen.findByRole('dialog', { name: '撤榜或流标' });
    fireEvent.click(within(dialog).getByRole('radio', { name: /流标/ }));
    fireEvent.change(within(dialog).getByLabelText('原因（必填，记入留痕）'), { target: { value: '申报方案均不满足揭榜条件' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '流标' }));
    expect(await screen.findByText('JC2026-03 已流标')).toBeTruthy();
    expect((await challengeByCode(ui, 'JC2026-03')).status).toBe('failed');
    await waitFor(async () => expect(codesIn(await column('已终止'))).toEqual(['JC2026-03']));
  });

  it('sorts the table by a header click, with aria-sort, and remembers the view', async () => {
    const ui = await openUiStore();
    const board = await boardId(ui, '科技攻关');
    const first = renderApp(ui.api, `/boards/${board}`);
    fireEvent.click(await screen.findByRole('button', { name: '表格' }));
    const table = await screen.findByRole('table');
    const codes = () => within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0]?.textContent);
    const header = (name: string) => within(table).getByRole('columnheader', { name: new RegExp(`^${name}`) });
    expect(header('编号').getAttribute('aria-sort')).toBe('ascending');
    expect(codes()).toEqual(['KJ2026-01', 'KJ2026-02', 'KJ2026-02-1', 'KJ2026-02-2', 'KJ2026-02-3', 'KJ2026-03', 'KJ2026-04', 'KJ2026-05', 'KJ2026-06']);

    fireEvent.click(within(header('截止日期')).getByRole('button'));
    expect(header('截止日期').getAttribute('aria-sort')).toBe('ascending');
    expect(header('编号').getAttribute('aria-sort')).toBe('none');
    expect(codes()[0]).toBe('KJ2026-02-1'); // 2026-08-16
    fireEvent.click(within(header('截止日期')).getByRole('button'));
    expect(header('截止日期').getAttribute('aria-sort')).toBe('descending');
    expect(codes().slice(0, 2).sort()).toEqual(['KJ2026-02', 'KJ2026-04']); // 2027-02-07

    fireEvent.click(within(header('节点灯')).getByRole('button'));
    expect(codes()[0]).toBe('KJ2026-04'); // red first

    // the mode and the sort are remembered
    first.unmount();
    renderApp(ui.api, `/boards/${board}`);
    const again = await screen.findByRole('table');
    expect(within(again).getByRole('columnheader', { name: /^节点灯/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('button', { name: '表格' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('nests 子榜 under their parent in the tree, which opens and closes', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await boardId(ui, '科技攻关')}`);
    fireEvent.click(await screen.findByRole('button', { name: '子榜树' }));
    const tree = await screen.findByRole('list', { name: '榜题与子榜' });
    const rows = () => within(tree).getAllByRole('listitem').map((li) => li.querySelector('.card-code')?.textContent);
    expect(rows()).toEqual(['KJ2026-01', 'KJ2026-02', 'KJ2026-02-1', 'KJ2026-02-2', 'KJ2026-02-3', 'KJ2026-03', 'KJ2026-04', 'KJ2026-05', 'KJ2026-06']);
    const toggle = within(tree).getByRole('button', { name: '收起 KJ2026-02 的 3 个子榜' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(rows()).toEqual(['KJ2026-01', 'KJ2026-02', 'KJ2026-03', 'KJ2026-04', 'KJ2026-05', 'KJ2026-06']);
    expect(within(tree).getByRole('button', { name: '展开 KJ2026-02 的 3 个子榜' }).getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: '全部展开' }));
    expect(rows()).toHaveLength(9);
  });

  it('narrows the board by typing, and says so when nothing matches', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await boardId(ui, '科技攻关')}`);
    const filter = await screen.findByLabelText('按编号、标题或挂帅人筛选');
    fireEvent.change(filter, { target: { value: '黄克坚' } });
    expect(codesIn(await column('攻关中'))).toEqual(['KJ2026-02']);
    expect(screen.getByText('显示 1 / 9')).toBeTruthy();
    fireEvent.change(filter, { target: { value: '没有这样的榜题' } });
    expect(await screen.findByText('没有符合筛选的榜题')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '清除筛选' }));
    expect(codesIn(await column('攻关中'))).toHaveLength(3);
  });

  it('says so when the board does not exist', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/boards/00000000-0000-4000-8000-000000000000');
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });

  it('speaks English', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await boardId(ui, '基层申报')}`, 'en');
    expect(codesIn(await column('Draft'))).toEqual(['JC2026-05']);
    expect(codesIn(await column('Claimed'))).toEqual(['JC2026-03']);
    expect(within(card(await column('In progress'), 'JC2026-01')).getByText('Suspended')).toBeTruthy();
    drag(card(await column('Leader appointed'), 'JC2026-04'), await column('Draft'));
    expect(await screen.findByText('JC2026-04 is “Leader appointed” and cannot move to “Draft”: the process has no such step')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Table' }));
    expect(await screen.findByRole('columnheader', { name: /^Deadline/ })).toBeTruthy();
  });
});

describe('search', () => {
  it('finds a Chinese phrase from the demo, grouped by kind, with the words marked', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/search/${encodeURIComponent('大坝安全')}`);
    expect(await screen.findByRole('heading', { level: 1, name: '搜索「大坝安全」' })).toBeTruthy();
    const challenges = await screen.findByRole('region', { name: /^榜题/ });
    const link = within(challenges).getByRole('link', { name: /KJ2026-04 瓦托水电站大坝安全在线监控系统建设/ });
    const dam = await challengeByCode(ui, 'KJ2026-04');
    expect(link.getAttribute('href')).toContain(`/challenges/${dam.id}`);
    expect(link.querySelector('mark')?.textContent).toBe('大坝安全');
    const pledges = screen.getByRole('region', { name: /^军令状/ });
    expect(within(pledges).getByRole('link', { name: /JLZ-2026-004/ }).getAttribute('href')).toContain('/pledges/');
    // a pledge names its challenge
    expect(within(pledges).getByRole('link', { name: /^KJ2026-04 / })).toBeTruthy();
    const logs = screen.getByRole('region', { name: /^攻关日志/ });
    expect(within(logs).getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(within(logs).getAllByText('大坝安全', { selector: 'mark' }).length).toBeGreaterThan(0);
  });

  it('works with one- and two-character queries, and says so when nothing is found', async () => {
    const ui = await openUiStore();
    const view = renderApp(ui.api, `/search/${encodeURIComponent('焊管')}`);
    const challenges = await screen.findByRole('region', { name: /^榜题/ });
    expect(within(challenges).getByRole('link', { name: /KJ2026-02 3500米级超深海油气输送用直缝埋弧焊管研制/ })).toBeTruthy();
    // the two versions of the amended 军令状 are told apart
    const pledges = screen.getByRole('region', { name: /^军令状/ });
    expect(await within(pledges).findByText('第 1 版')).toBeTruthy();
    expect(within(pledges).getByText('已被修订版取代')).toBeTruthy();
    expect(within(pledges).getByText('第 2 版')).toBeTruthy();
    // searching again from the page
    const refine = screen.getByRole('searchbox', { name: '搜索内容' });
    expect((refine as HTMLInputElement).value).toBe('焊管');
    fireEvent.change(refine, { target: { value: '坝' } });
    fireEvent.click(screen.getByRole('button', { name: '搜索' }));
    expect(view.history.at(-1)).toBe(`/search/${encodeURIComponent('坝')}`);
    expect(await screen.findByRole('heading', { level: 1, name: '搜索「坝」' })).toBeTruthy();
    expect(await screen.findByRole('region', { name: /^攻关日志/ })).toBeTruthy();
    view.navigate(`/search/${encodeURIComponent('量子纠缠通信')}`);
    expect(await screen.findByText('没有找到与「量子纠缠通信」相关的内容')).toBeTruthy();
    expect(screen.getByRole('link', { name: '浏览全部榜单' })).toBeTruthy();
  });

  it('speaks English', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/search/${encodeURIComponent('大坝')}`, 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Search: “大坝”' })).toBeTruthy();
    expect(await screen.findByRole('region', { name: /^Challenges/ })).toBeTruthy();
    expect(screen.getByRole('region', { name: /^Progress logs/ })).toBeTruthy();
    expect(screen.getByText('8 results')).toBeTruthy();
  });
});
