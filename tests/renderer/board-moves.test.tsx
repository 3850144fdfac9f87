// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { UiStore } from '../support/ui';
import { openUiStore, renderApp } from '../support/ui';

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

async function techBoard(ui: UiStore): Promise<string> {
  const boards = await ui.call<{ id: string; title: string }[]>('boards.list', {});
  return (boards.find((b) => b.title.includes('科技攻关')) as { id: string }).id;
}

async function statusOf(ui: UiStore, code: string): Promise<string> {
  const cards = await ui.call<{ code: string; status: string }[]>('challenges.byStatus', {});
  return (cards.find((c) => c.code === code) as { status: string }).status;
}

const column = (title: string) => screen.findByRole('region', { name: new RegExp(`^${title}`) });
const card = (container: HTMLElement, code: string) => within(container).getByRole('article', { name: new RegExp(`^${code} `) });

/** dragstart / dragover / drop without a data transfer: the board remembers what is being dragged */
function drag(source: HTMLElement, target: HTMLElement) {
  fireEvent.dragStart(source);
  fireEvent.dragOver(target);
  fireEvent.drop(target);
}

describe('moving cards on the board', () => {
  it('archives an assessed challenge only after confirmation', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await techBoard(ui)}`);
    const done = await column('已完成');
    const strip = within(done).getByText('拖到这里归档');

    drag(card(done, 'KJ2026-01'), strip);
    let dialog = await screen.findByRole('dialog', { name: '归档榜题' });
    expect(within(dialog).getByText(/此操作不可撤销/)).toBeTruthy();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await statusOf(ui, 'KJ2026-01')).toBe('assessed');

    drag(card(await column('已完成'), 'KJ2026-01'), within(await column('已完成')).getByText('拖到这里归档'));
    dialog = await screen.findByRole('dialog', { name: '归档榜题' });
    fireEvent.click(within(dialog).getByRole('button', { name: '归档' }));
    expect(await screen.findByText('KJ2026-01 已归档')).toBeTruthy();
    expect(await statusOf(ui, 'KJ2026-01')).toBe('archived');
    await waitFor(async () => expect(within(card(await column('已完成'), 'KJ2026-01')).getByText('归档')).toBeTruthy());
  });

  it('sends an accepted challenge to the challenge page to be assessed before it can be archived', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await techBoard(ui)}`);
    const done = await column('已完成');
    drag(card(done, 'KJ2026-02-1'), within(done).getByText('拖到这里归档'));
    expect(await screen.findByText(/KJ2026-02-1：须先完成考核评价/)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await statusOf(ui, 'KJ2026-02-1')).toBe('accepted');
  });

  it('terminates work in progress with a reason, from the keyboard menu', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await techBoard(ui)}`);
    fireEvent.click(within(card(await column('攻关中'), 'KJ2026-02-2')).getByRole('button', { name: '移到…：把 KJ2026-02-2 移到其他列' }));
    const menu = await screen.findByRole('dialog', { name: '移动 KJ2026-02-2 到…' });
    fireEvent.click(within(menu).getByRole('button', { name: /^已终止/ }));
    const dialog = await screen.findByRole('dialog', { name: '终止攻关' });
    fireEvent.change(within(dialog).getByLabelText('原因（必填，记入留痕）'), { target: { value: '工艺路线调整，并入主榜统一攻关' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '终止' }));
    expect(await screen.findByText('KJ2026-02-2 已终止')).toBeTruthy();
    expect(await statusOf(ui, 'KJ2026-02-2')).toBe('terminated');
    await waitFor(async () => expect(card(await column('已终止'), 'KJ2026-02-2')).toBeTruthy());
  });

  it('lets the service refuse what its state does not allow, in its own words', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await techBoard(ui)}`);
    // a challenge awaiting acceptance dropped on 待揭榜: the service's own refusal of publish
    drag(card(await column('待验收'), 'KJ2026-03'), await column('待揭榜'));
    expect(await screen.findByText(/榜题当前状态为「申请验收」，不能执行操作（challenge\.publish）/)).toBeTruthy();
    expect(await statusOf(ui, 'KJ2026-03')).toBe('acceptance_requested');
  });

  it('does nothing when a card is dropped back on its own column', async () => {
    const ui = await openUiStore();
    renderApp(ui.api, `/boards/${await techBoard(ui)}`);
    const working = await column('攻关中');
    drag(card(working, 'KJ2026-04'), working);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await statusOf(ui, 'KJ2026-04')).toBe('in_progress');
  });
});
