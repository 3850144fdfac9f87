// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { getInstanceByDom } from 'echarts/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routes } from '../../renderer/src/lib/routes';
import { openUiStore, renderApp } from '../support/ui';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The value of the KPI tile labelled `label`. */
function tile(label: string): string {
  const term = screen.getAllByText(label).find((el) => el.classList.contains('kpi-label'));
  const box = term?.closest('.kpi');
  if (!box) throw new Error(`no tile ${label}`);
  return box.querySelector('.kpi-value')?.textContent ?? '';
}

/** The chart's text alternative as label → first value, read from its table. */
function chartData(title: string): Record<string, string> {
  const figure = screen.getByRole('figure', { name: title });
  const table = within(figure).getByRole('table');
  const out: Record<string, string> = {};
  for (const row of within(table).getAllByRole('row').slice(1)) {
    const cells = within(row).getAllByRole('cell');
    out[within(row).getByRole('rowheader').textContent ?? ''] = cells.map((c) => c.textContent).join('|');
  }
  return out;
}

function choose(select: HTMLElement, text: string): void {
  const option = [...(select as HTMLSelectElement).options].find((o) => o.textContent === text);
  if (!option) throw new Error(`no option ${text}`);
  fireEvent.change(select, { target: { value: option.value } });
}

describe('the dashboard', () => {
  it('shows the demo\'s totals, charts as text, and the three overdue milestones with links', async () => {
    const ui = await openUiStore();
    const view = renderApp(ui.api, '/dashboard');
    expect(await screen.findByRole('heading', { level: 1, name: '数据看板' })).toBeTruthy();
    await waitFor(() => expect(tile('榜题总数')).toBe('15'));
    expect(tile('攻关中')).toBe('5'); // 3 in progress, 1 suspended, 1 rework
    expect(tile('军令状节点')).toBe('37');
    expect(tile('逾期节点')).toBe('3');
    expect(tile('节点按期率')).toBe('96%');
    expect(tile('军令状')).toBe('12');
    expect(tile('典型案例')).toBe('1');
    expect(tile('突击队')).toBe('5');

    // jsdom has no canvas: each chart still gives its data as a table and a one-line summary
    expect(chartData('榜题状态')).toMatchObject({ 攻关中: '3', 草拟: '2', 待验收: '2', 通过验收: '1', 已考核: '1', 流标: '1', 撤榜: '1' });
    expect(Object.values(chartData('榜题状态')).reduce((a, v) => a + Number(v), 0)).toBe(15);
    expect(chartData('榜题类别')).toEqual({ 技术瓶颈突破: '6', 安全生产: '3', 生产流程优化: '2', 绿色发展: '2', 市场拓展: '1', 急难险重: '1' });
    expect(chartData('节点按期情况')).toEqual({ 按期交付: '27', 逾期后交付: '1', 逾期未交付: '3', 未到期未交付: '6' });
    expect(chartData('军令状状态与结果')).toEqual({ 执行中: '8', 部分签署: '1', 达成: '1', 放弃: '1', 已被修订版取代: '1' });
    expect(chartData('突击队：队员与中选揭榜')['瓦托“揭榜攻关台”党员突击队']).toBe('6|1');
    const canvas = screen.getAllByRole('img').find((el) => el.getAttribute('aria-label')?.startsWith('榜题类别：')) as HTMLElement;
    expect(canvas.getAttribute('aria-label')).toBe('榜题类别：技术瓶颈突破 6，生产流程优化 2，市场拓展 1，绿色发展 2，安全生产 3，急难险重 1');
    expect(canvas.querySelector('canvas')).toBeNull();

    const overdue = screen.getByRole('region', { name: '逾期节点' });
    expect(within(overdue).getByText('共 3 个')).toBeTruthy();
    const rows = within(within(overdue).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent?.trim())).toEqual([
      '渗流与变形监测数据比测（与人工观测对比）', '飞溅区超声测厚探头安装（潜水作业）', '强震动与环境量监测子系统调试',
    ]);
    const link = within(rows[1] as HTMLElement).getByRole('link', { name: /南海深水平台立管腐蚀在线监测与预警/ });
    expect(link.textContent).toContain('JC2026-01');
    fireEvent.click(link);
    await waitFor(() => expect(view.history.at(-1)).toMatch(/^\/challenges\//));
  });

  it('narrows to one site, and back to the whole group', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/dashboard');
    await waitFor(() => expect(tile('榜题总数')).toBe('15'));
    const scope = screen.getByLabelText('范围');
    await waitFor(() => expect((scope as HTMLSelectElement).options.length).toBe(9));
    choose(scope, '瓦托水电站坝址（海拔4000米）');
    await waitFor(() => expect(tile('榜题总数')).toBe('3'));
    expect(tile('逾期节点')).toBe('2');
    expect(tile('突击队')).toBe('1');
    expect(chartData('榜题状态')).toEqual({ 已挂帅: '1', 攻关中: '1', 流标: '1' });
    const overdue = screen.getByRole('region', { name: '逾期节点' });
    const rows = within(within(overdue).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => within(r).getByRole('link').textContent?.includes('KJ2026-04'))).toBe(true);

    choose(scope, '浩洋股份番禺研发中心');
    await waitFor(() => expect(tile('榜题总数')).toBe('3'));
    expect(tile('节点按期率')).toBe('100%');
    expect(within(screen.getByRole('region', { name: '逾期节点' })).getByText('没有逾期节点')).toBeTruthy();

    choose(scope, '集团总部');
    await waitFor(() => expect(tile('榜题总数')).toBe('0'));
    expect(screen.getByText('所选单位还没有榜题')).toBeTruthy();
    expect(tile('节点按期率')).toBe('—');
    expect(screen.getAllByText('暂无数据').length).toBeGreaterThan(0);

    choose(scope, '全集团（总部与全部现场）');
    await waitFor(() => expect(tile('榜题总数')).toBe('15'));
  });

  it('follows new data: an overdue milestone reported drops off the list', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/dashboard');
    await waitFor(() => expect(tile('逾期节点')).toBe('3'));
    const dashboard = await ui.call<{ overdue: { milestoneId: string }[] }>('dashboard.get', {});
    const first = dashboard.overdue[0]?.milestoneId as string;
    const people = await ui.call<{ id: string; name: string }[]>('people.list', {});
    await ui.call('session.switchPerson', { personId: people.find((p) => p.name === '杜河清')?.id });
    await act(async () => {
      await ui.call('milestones.report', { id: first, note: '比测完成，数据一致' });
    });
    await waitFor(() => expect(tile('逾期节点')).toBe('2'));
    expect(screen.queryByText('渗流与变形监测数据比测（与人工观测对比）')).toBeNull();
  });

  it('reads in English and redraws its labels when the language changes', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/dashboard', 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
    await waitFor(() => expect(tile('Challenges')).toBe('15'));
    expect(tile('On-time rate')).toBe('96%');
    expect(chartData('Challenges by category')['Technical breakthrough']).toBe('6');
    expect(screen.getByRole('region', { name: 'Overdue milestones' })).toBeTruthy();
    const summary = () => screen.getAllByRole('img').map((el) => el.getAttribute('aria-label') ?? '').find((l) => l.includes('Milestones on time') || l.includes('节点按期情况'));
    expect(summary()).toBe('Milestones on time: Delivered on time 27; Delivered late 1; Overdue 3; Open, not yet due 6');
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'zh-CN' } });
    await waitFor(() => expect(summary()).toBe('节点按期情况：按期交付 27，逾期后交付 1，逾期未交付 3，未到期未交付 6'));
    expect(chartData('榜题类别')['技术瓶颈突破']).toBe('6');
  });

  it('shows a chart\'s numbers as a visible table on request', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/dashboard');
    await waitFor(() => expect(tile('榜题总数')).toBe('15'));
    const figure = screen.getByRole('figure', { name: '榜题类别' });
    const table = within(figure).getByRole('table');
    expect(table.classList.contains('dashboard-sr-only')).toBe(true);
    const toggle = within(figure).getByRole('button', { name: '以表格显示' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(table.classList.contains('dashboard-sr-only')).toBe(false);
    expect(within(figure).getByRole('button', { name: '隐藏表格' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('draws with echarts once its box has a size: redrawn in a new language, resized with the window, disposed on leaving', async () => {
    // jsdom has no layout: give every box a size, as a browser would
    let width = 640;
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(() => width);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(() => 300);
    const ui = await openUiStore();
    const view = renderApp(ui.api, '/dashboard');
    await waitFor(() => expect(tile('榜题总数')).toBe('15'));
    const box = screen.getAllByRole('img').find((el) => el.getAttribute('aria-label')?.startsWith('榜题状态：')) as HTMLElement;
    const chart = getInstanceByDom(box);
    expect(chart).toBeTruthy();
    expect(box.querySelector('canvas')).toBeTruthy();
    const labels = () => (chart?.getOption() as { yAxis: { data: string[] }[] }).yAxis[0]?.data;
    expect(labels()).toContain('攻关中');
    expect(chart?.getWidth()).toBe(640);

    fireEvent.change(screen.getByLabelText('语言'), { target: { value: 'en' } });
    await waitFor(() => expect(labels()).toContain('In progress'));
    expect(labels()).not.toContain('攻关中');

    width = 900;
    act(() => {
      window.dispatchEvent(new Event('resize'));
    });
    expect(chart?.getWidth()).toBe(900);

    act(() => view.navigate(routes.cases));
    await screen.findByRole('heading', { level: 1, name: 'Case library' });
    expect(chart?.isDisposed()).toBe(true);
    expect(getInstanceByDom(box)).toBeUndefined();
  });
});
