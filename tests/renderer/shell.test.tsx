// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openUiStore, renderApp } from '../support/ui';

describe('the app shell', () => {
  it('shows the navigation, the current person and the language in Chinese by default', async () => {
    const { api } = await openUiStore();
    renderApp(api);
    const nav = screen.getByRole('navigation', { name: '主导航' });
    for (const name of ['榜单', '看板', '人员与突击队', '典型案例', '同步']) expect(within(nav).getByRole('link', { name })).toBeTruthy();
    const person = (await screen.findByLabelText('当前用户')) as HTMLSelectElement;
    // the demo leaves the device with the HQ officer 梁
    await waitFor(() => expect(person.selectedOptions[0]?.textContent).toMatch(/^梁/));
    expect((screen.getByLabelText('语言') as HTMLSelectElement).value).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('switches to English and back, everywhere at once', async () => {
    const { api } = await openUiStore();
    renderApp(api);
    fireEvent.change(screen.getByLabelText('语言'), { target: { value: 'en' } });
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'People & teams' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('jiebang.language')).toBe('en');
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'zh-CN' } });
    expect(await screen.findByRole('navigation', { name: '主导航' })).toBeTruthy();
  });

  it('switches the person through the service and says so', async () => {
    const ui = await openUiStore();
    renderApp(ui.api);
    const select = (await screen.findByLabelText('当前用户')) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBeGreaterThan(5));
    const other = [...select.options].find((o) => !o.selected) as HTMLOptionElement;
    fireEvent.change(select, { target: { value: other.value } });
    expect(await screen.findByText(`已切换为 ${other.textContent}`)).toBeTruthy();
    const session = await ui.call<{ person: { id: string } }>('session.get', {});
    expect(session.person.id).toBe(other.value);
  });

  it('navigates by search and by keyboard shortcuts, and a dialog keeps the keys', async () => {
    const { api } = await openUiStore();
    const app = renderApp(api);
    const search = screen.getByRole('searchbox', { name: '搜索' });
    act(() => {
      fireEvent.keyDown(window, { key: '/' });
    });
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: '大坝' } });
    fireEvent.submit(search);
    expect(app.history.at(-1)).toBe(`/search/${encodeURIComponent('大坝')}`);
    search.blur();

    act(() => {
      fireEvent.keyDown(window, { key: 'd' });
    });
    expect(app.history.at(-1)).toBe('/dashboard');
    act(() => {
      fireEvent.keyDown(window, { key: '?' });
    });
    const help = screen.getByRole('dialog', { name: '键盘快捷键' });
    // inside a dialog the global shortcuts are off
    act(() => {
      fireEvent.keyDown(window, { key: 'g' });
    });
    expect(app.history.at(-1)).toBe('/dashboard');
    fireEvent.keyDown(help, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();

    act(() => {
      fireEvent.keyDown(window, { key: 'b' });
    });
    const switcher = screen.getByRole('dialog', { name: '切换榜单' });
    const filter = within(switcher).getByRole('searchbox');
    const boards = await ui_boards(api);
    const target = boards[1] as { id: string; title: string };
    fireEvent.change(filter, { target: { value: target.title.slice(0, 6) } });
    fireEvent.keyDown(filter, { key: 'Enter' });
    expect(app.history.at(-1)).toBe(`/boards/${target.id}`);
  });

  it('says so when an address leads nowhere', async () => {
    const { api } = await openUiStore();
    renderApp(api, '/no/such/page');
    expect(screen.getByText('找不到这个页面')).toBeTruthy();
    expect(screen.getByRole('link', { name: '回到榜单' })).toBeTruthy();
  });
});

async function ui_boards(api: Awaited<ReturnType<typeof openUiStore>>['api']) {
  const r = await api.boards.list({});
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('the window title', () => {
  it('names the section, or the challenge or pledge on screen (a saved PDF is named after it)', async () => {
    const ui = await openUiStore();
    const app = renderApp(ui.api, '/dashboard');
    await waitFor(() => expect(document.title).toBe('看板 · 揭榜'));
    const challenge = (await ui.call<{ id: string; code: string; title: string }[]>('challenges.byStatus', { status: 'in_progress' }))[0]!;
    act(() => app.navigate(`/challenges/${challenge.id}`));
    await waitFor(() => expect(document.title).toBe(`${challenge.code} ${challenge.title} · 揭榜`));
    const pledge = ui.store.db.prepare("SELECT id, title, number, version FROM pledges WHERE status = 'active' LIMIT 1").get() as { id: string; title: string; number: string; version: number };
    act(() => app.navigate(`/pledges/${pledge.id}`));
    await waitFor(() => expect(document.title).toBe(`${pledge.title} ${pledge.number} v${pledge.version} · 揭榜`));
  });
});
