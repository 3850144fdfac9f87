import { expect, open, test } from './fixtures';

test('the built app loads under the production CSP with the shell in Chinese', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await open(page, '/');
  await expect(page.getByRole('link', { name: '榜单' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '当前用户' })).toHaveValue(/.+/);
});

test('the browser enforces the production CSP: an injected inline script does not run', async ({ page, pageProblems }) => {
  await open(page, '/');
  const ran = await page.evaluate(`(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.head.appendChild(s);
    return window.__injected === true;
  })()`);
  expect(ran).toBe(false);
  await expect.poll(() => pageProblems.filter((p) => p.startsWith('CSP:')).length).toBeGreaterThan(0);
  // that violation was this test's point; any other problem still fails it
  pageProblems.splice(0, pageProblems.length, ...pageProblems.filter((p) => !/inline script/i.test(p)));
});
