import { expect, open, test } from './fixtures';

/** The header's search box finds Chinese phrases in challenges, pledges and progress logs. */

test('searching a Chinese phrase finds the challenge and opens it', async ({ page }) => {
  await open(page, '/');
  const box = page.getByRole('searchbox', { name: '搜索', exact: true });
  await box.fill('大坝安全在线监控');
  await box.press('Enter');
  await expect(page).toHaveURL(/#\/search\//);
  await expect(page.getByRole('heading', { level: 1, name: '搜索「大坝安全在线监控」' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /找到 \d+ 条结果/ })).toBeVisible();
  const hits = page.getByRole('region', { name: /^榜题/ });
  const hit = hits.getByRole('link', { name: /瓦托水电站大坝安全在线监控系统建设/ }).first();
  await expect(hit).toBeVisible();
  // the phrase is highlighted where it was found
  await expect(hits.locator('mark').filter({ hasText: '大坝安全在线监控' }).first()).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(/#\/challenges\//);
  await expect(page.getByRole('heading', { level: 1, name: /瓦托水电站大坝安全在线监控系统建设/ })).toBeVisible();
});

test('a two-character word is found too, and a phrase with no match says what to try', async ({ page }) => {
  await open(page, '/');
  const box = page.getByRole('searchbox', { name: '搜索', exact: true });
  await box.fill('坝肩');
  await box.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /找到 \d+ 条结果/ })).toBeVisible();
  await expect(page.locator('mark').filter({ hasText: '坝肩' }).first()).toBeVisible();

  // refined from the results page's own box
  const refine = page.getByRole('searchbox', { name: '搜索内容' });
  await expect(refine).toHaveValue('坝肩');
  await refine.fill('月球背面钻探');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/search/${encodeURIComponent('月球背面钻探')}$`));
  await expect(page.getByText('没有找到与「月球背面钻探」相关的内容')).toBeVisible();
  await expect(page.getByRole('link', { name: '浏览全部榜单' })).toBeVisible();
});
