import { expect, open, test } from './fixtures';

/** Chinese first; English on request, remembered across reloads, and back again. */

test('switching to English changes the whole app and is remembered', async ({ page, app }) => {
  const boards = await app.call<{ id: string; title: string }[]>('boards.list', {});
  const annual = boards.find((b) => /科技攻关榜/.test(b.title));
  if (!annual) throw new Error('no demo board');
  await open(page, `/boards/${annual.id}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('region', { name: /^攻关中/ })).toBeVisible();

  await page.getByRole('combobox', { name: '语言' }).selectOption({ label: 'English' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Boards' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^In progress/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Current user' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
  // the data stays as written: the board's Chinese title is not translated
  await expect(page.getByRole('heading', { level: 1, name: annual.title })).toBeVisible();

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Boards' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '中文' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '榜单' })).toBeVisible();
});

test('a refusal reaches an English reader in English', async ({ page, app }) => {
  const boards = await app.call<{ id: string; title: string }[]>('boards.list', {});
  const grassroots = boards.find((b) => /基层申报攻坚榜/.test(b.title));
  if (!grassroots) throw new Error('no demo board');
  const view = await app.call<{ challenges: { id: string; code: string; title: string; status: string }[] }>('boards.view', { id: grassroots.id });
  const draft = view.challenges.find((c) => c.status === 'draft');
  if (!draft) throw new Error('no draft challenge');
  await open(page, `/boards/${grassroots.id}`);
  await page.getByRole('combobox', { name: '语言' }).selectOption({ label: 'English' });
  await page.getByRole('article', { name: `${draft.code} ${draft.title}` }).dragTo(page.getByRole('region', { name: /^In progress/ }));
  await expect(page.getByRole('alert').filter({ hasText: /The challenge is draft; challenge\.start is not allowed/ }).first()).toBeVisible();
});
