import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, open, screenshot, test } from './fixtures';
import type { E2eApp } from './fixtures';

/**
 * Every main view on the demo data: it renders (a heading, nothing still loading), it is saved as
 * test-results/screenshots/<view>.png, and axe finds no serious or critical accessibility violation
 * (WCAG 2.1 A and AA rules).
 */

interface Ids {
  annualBoard: string;
  dam: string;
  damPledge: string;
  appointed: string;
  du: string;
}

async function demoIds(app: E2eApp): Promise<Ids> {
  const boards = await app.call<{ id: string; title: string }[]>('boards.list', {});
  const annual = boards.find((b) => /科技攻关榜/.test(b.title));
  const grassroots = boards.find((b) => /基层申报攻坚榜/.test(b.title));
  if (!annual || !grassroots) throw new Error('demo boards missing');
  const cards = (await app.call<{ challenges: { id: string; title: string; status: string }[] }>('boards.view', { id: annual.id })).challenges;
  const dam = cards.find((c) => /瓦托水电站大坝/.test(c.title));
  // a challenge appointed just now, so it has no pledge yet: the new-pledge editor opens on it
  const claimed = (await app.call<{ challenges: { id: string; status: string; claimCount: number }[] }>('boards.view', { id: grassroots.id })).challenges.find(
    (c) => c.status === 'published' && c.claimCount > 0,
  );
  if (!dam || !claimed) throw new Error('demo challenges missing');
  const claim = (await app.call<{ claims: { id: string; applicantId: string; status: string }[] }>('challenges.get', { id: claimed.id })).claims.find((c) =>
    ['submitted', 'shortlisted'].includes(c.status),
  );
  if (!claim) throw new Error('no open claim');
  await app.call('claims.select', { id: claim.id });
  await app.call('appointments.appoint', { claimId: claim.id, leaderId: claim.applicantId });
  const appointed = claimed;
  const detail = await app.call<{ pledges: { id: string; status: string }[] }>('challenges.get', { id: dam.id });
  const pledge = detail.pledges.find((p) => p.status === 'active') ?? detail.pledges[0];
  if (!pledge) throw new Error('the dam challenge has no pledge');
  return { annualBoard: annual.id, dam: dam.id, damPledge: pledge.id, appointed: appointed.id, du: await app.personId('杜河清') };
}

async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
}

async function checkView(page: Page, view: string, testInfo: TestInfo): Promise<void> {
  await settled(page);
  // the resting state: no control under the mouse pointer
  await page.mouse.move(1, 899);
  await screenshot(page, view, testInfo);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `  ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`);
  if (results.violations.length) {
    await testInfo.attach(`axe-${view}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  }
  expect(report, `serious or critical axe violations on ${view}`).toEqual([]);
}

const VIEWS: { view: string; route: (ids: Ids) => string; ready?: (page: Page) => Promise<void> }[] = [
  { view: 'boards-home', route: () => '/', ready: (p) => expect(p.getByRole('link', { name: /科技攻关榜/ }).first()).toBeVisible() },
  { view: 'board', route: (ids) => `/boards/${ids.annualBoard}`, ready: (p) => expect(p.getByRole('article').first()).toBeVisible() },
  { view: 'challenge', route: (ids) => `/challenges/${ids.dam}`, ready: (p) => expect(p.getByRole('heading', { level: 1, name: /瓦托水电站大坝/ })).toBeVisible() },
  { view: 'search', route: () => `/search/${encodeURIComponent('深海')}`, ready: (p) => expect(p.getByRole('status').filter({ hasText: /找到/ })).toBeVisible() },
  { view: 'pledge', route: (ids) => `/pledges/${ids.damPledge}`, ready: (p) => expect(p.getByRole('article', { name: '军令状' })).toContainText('立状人') },
  {
    view: 'pledge-editor',
    route: (ids) => `/challenges/${ids.appointed}/pledge/new`,
    ready: (p) => expect(p.getByRole('heading', { level: 1, name: '起草军令状' })).toBeVisible(),
  },
  { view: 'people', route: () => '/people' },
  { view: 'person', route: (ids) => `/people/${ids.du}` },
  { view: 'dashboard', route: () => '/dashboard' },
  { view: 'cases', route: () => '/cases' },
  { view: 'sync', route: () => '/sync' },
];

for (const { view, route, ready } of VIEWS) {
  test(`${view}: renders, is saved as a screenshot, and has no serious accessibility violations`, async ({ page, app }, testInfo) => {
    const ids = await demoIds(app);
    await open(page, route(ids));
    if (ready) await ready(page);
    await checkView(page, view, testInfo);
  });
}

test('board in its other layouts (子榜 tree, table) and the challenge page in English', async ({ page, app }, testInfo) => {
  const ids = await demoIds(app);
  await open(page, `/boards/${ids.annualBoard}`);
  const modes = page.getByRole('group', { name: '显示方式' });
  await modes.getByRole('button', { name: '子榜树' }).click();
  await expect(modes.getByRole('button', { name: '子榜树' })).toHaveAttribute('aria-pressed', 'true');
  await checkView(page, 'board-tree', testInfo);
  await modes.getByRole('button', { name: '表格' }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await checkView(page, 'board-table', testInfo);

  await open(page, `/challenges/${ids.dam}`);
  await page.getByRole('combobox', { name: '语言' }).selectOption({ label: 'English' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await checkView(page, 'challenge-en', testInfo);
});
