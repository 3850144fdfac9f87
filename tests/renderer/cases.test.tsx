// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openUiStore, renderApp } from '../support/ui';

const GLP = '“光之踪迹”党员突击队攻坚GLP LED舞台电脑切割灯';

function cards(): HTMLElement[] {
  return screen.queryAllByRole('article');
}

describe('the case library', () => {
  it('lists the demo case with its challenge link, problem, solution, results and tags', async () => {
    const ui = await openUiStore();
    const view = renderApp(ui.api, '/cases');
    expect(await screen.findByRole('heading', { level: 1, name: '典型案例库' })).toBeTruthy();
    const card = await screen.findByRole('article', { name: GLP });
    expect(screen.getByText('共 1 个案例')).toBeTruthy();
    expect(within(card).getByText('技术瓶颈突破', { selector: '.case-category' })).toBeTruthy();
    expect(within(card).getByRole('heading', { name: '问题与难点' }).nextElementSibling?.textContent).toMatch(/^舞台灯具户外应用对防水、散热、节能要求越来越高/);
    expect(within(card).getByRole('heading', { name: '做法' }).nextElementSibling?.textContent).toMatch(/张慧春主动挂帅/);
    expect(within(card).getByRole('heading', { name: '成效' }).nextElementSibling?.textContent).toMatch(/防护等级达IP66/);
    expect(within(card).getByText('2026年度科技攻关榜')).toBeTruthy();
    expect(within(card).getByText(/由 何敏 推广$/)).toBeTruthy();
    const tags = within(card).getByRole('list', { name: '标签' });
    expect(within(tags).getAllByRole('button').map((b) => b.textContent)).toEqual(['党员突击队', '国产替代', '舞台灯光', '技术瓶颈突破', '浩洋股份']);
    fireEvent.click(within(card).getByRole('link', { name: 'GLP LED舞台电脑切割灯研发攻关' }));
    await waitFor(() => expect(view.history.at(-1)).toMatch(/^\/challenges\//));
  });

  it('filters by tag and by text, and says when nothing matches', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/cases');
    await screen.findByRole('article', { name: GLP });
    const group = screen.getByRole('group', { name: '标签' });
    const tag = within(group).getByRole('button', { name: /^国产替代/ });
    fireEvent.click(tag);
    expect(tag.getAttribute('aria-pressed')).toBe('true');
    expect(cards()).toHaveLength(1);
    expect(screen.getByText('共 1 个案例，符合条件 1 个')).toBeTruthy();

    const text = screen.getByLabelText('关键词');
    fireEvent.change(text, { target: { value: '超深海' } });
    expect(cards()).toHaveLength(0);
    expect(screen.getByText('没有符合条件的案例')).toBeTruthy();
    fireEvent.change(text, { target: { value: 'ip66' } }); // any case, in the results
    expect(cards()).toHaveLength(1);

    // a tag on a card filters by it too; the clear button resets both
    fireEvent.click(within(group).getByRole('button', { name: '全部' }));
    fireEvent.click(within(cards()[0] as HTMLElement).getByRole('button', { name: '舞台灯光' }));
    expect(within(group).getByRole('button', { name: /^舞台灯光/ }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getAllByRole('button', { name: '清除筛选' })[0] as HTMLElement);
    expect((text as HTMLInputElement).value).toBe('');
    expect(within(group).getByRole('button', { name: '全部' }).getAttribute('aria-pressed')).toBe('true');
    expect(cards()).toHaveLength(1);
  });

  it('a newly promoted case appears at the top', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/cases');
    await screen.findByRole('article', { name: GLP });
    // HQ assesses the accepted challenge, then promotes it
    const accepted = await ui.call<{ id: string }[]>('challenges.byStatus', { status: 'accepted' });
    const challengeId = accepted[0]?.id;
    await ui.call('assessments.assess', {
      challengeId, score: 92, grade: 'excellent', pledgeOutcome: 'fulfilled', rewardsApplied: '按军令状兑现奖励', penaltiesApplied: '', note: '',
    });
    await act(async () => {
      await ui.call('cases.promote', {
        challengeId, title: '超深海焊管揭榜攻关', problem: '3500米级焊管依赖进口。',
        solution: '分成型、焊接、无损检测三个子榜攻关。', results: '焊缝性能高于国际标准15%。', tags: ['深海装备', '国产替代'],
      });
    });
    await waitFor(() => expect(cards()).toHaveLength(2));
    expect(within(cards()[0] as HTMLElement).getByRole('heading', { level: 2 }).textContent).toBe('超深海焊管揭榜攻关');
    expect(within(screen.getByRole('group', { name: '标签' })).getByRole('button', { name: /^国产替代/ }).textContent).toBe('国产替代 2');
  });

  it('an empty library says how cases come to be', async () => {
    const ui = await openUiStore();
    ui.store.db.prepare('DELETE FROM cases').run();
    renderApp(ui.api, '/cases');
    expect(await screen.findByText('案例库还是空的')).toBeTruthy();
    expect(screen.getByText(/总部可以在榜题页把它推广为典型案例/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '去看榜单' })).toBeTruthy();
    expect(screen.queryByRole('search', { name: '筛选案例' })).toBeNull();
  });

  it('reads in English', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, '/cases', 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Case library' })).toBeTruthy();
    const card = await screen.findByRole('article', { name: GLP });
    expect(within(card).getByRole('heading', { name: 'Results' })).toBeTruthy();
    expect(within(card).getByText('Technical breakthrough')).toBeTruthy();
    expect(within(card).getByText(/^Promoted by 何敏 on /)).toBeTruthy();
    expect(screen.getByText('1 case')).toBeTruthy();
  });
});
