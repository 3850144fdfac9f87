import type { Page } from '@playwright/test';
import { expect, expectAlert, open, switchPerson, test } from './fixtures';
import type { E2eApp } from './fixtures';

/** Drags on the board: a step the process does not have, or one the service refuses, changes nothing. */

interface BoardRow {
  id: string;
  title: string;
}
interface CardRow {
  id: string;
  code: string;
  status: string;
  title: string;
}

async function demoBoard(app: E2eApp, title: RegExp): Promise<{ board: BoardRow; cards: CardRow[] }> {
  const boards = await app.call<BoardRow[]>('boards.list', {});
  const board = boards.find((b) => title.test(b.title));
  if (!board) throw new Error(`no demo board matching ${title}`);
  const view = await app.call<{ challenges: CardRow[] }>('boards.view', { id: board.id });
  return { board, cards: view.challenges };
}

const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
const card = (page: Page, c: CardRow) => page.getByRole('article', { name: `${c.code} ${c.title}` });

test('a drag the process has no step for is refused with its reason, and nothing moves', async ({ page, app }) => {
  const { board, cards } = await demoBoard(app, /基层申报攻坚榜/);
  const appointed = cards.find((c) => c.status === 'appointed');
  if (!appointed) throw new Error('the demo board has no appointed challenge');
  await open(page, `/boards/${board.id}`);
  await expect(page.getByRole('heading', { level: 1, name: board.title })).toBeVisible();
  await expect(column(page, '已挂帅').getByRole('article')).toHaveCount(1);

  await card(page, appointed).dragTo(column(page, '草拟'));
  await expectAlert(page, `${appointed.code} 当前为「已挂帅」，不能移到「草拟」：揭榜挂帅流程中没有这一步`);
  await expect(column(page, '已挂帅').getByRole('article', { name: `${appointed.code} ${appointed.title}` })).toBeVisible();
  const after = await app.call<{ challenge: { status: string } }>('challenges.get', { id: appointed.id });
  expect(after.challenge.status).toBe('appointed');
});

test('a drag the service refuses shows the service’s own reason, and nothing moves', async ({ page, app }) => {
  const { board, cards } = await demoBoard(app, /基层申报攻坚榜/);
  const draft = cards.find((c) => c.status === 'draft');
  if (!draft) throw new Error('the demo board has no draft challenge');
  await open(page, `/boards/${board.id}`);

  // 草拟 → 攻关中 calls challenges.start, which the state machine refuses
  await card(page, draft).dragTo(column(page, '攻关中'));
  await expectAlert(page, /榜题当前状态为「草拟」，不能执行/);
  await expect(column(page, '草拟').getByRole('article', { name: `${draft.code} ${draft.title}` })).toBeVisible();
  expect((await app.call<{ challenge: { status: string } }>('challenges.get', { id: draft.id })).challenge.status).toBe('draft');

  // a legal step by the wrong person: a site member may not publish (草拟 → 待揭榜)
  await switchPerson(page, '李广', app);
  await card(page, draft).dragTo(column(page, '待揭榜'));
  await expectAlert(page, /李广 没有执行此操作的权限/);
  await expect(column(page, '草拟').getByRole('article', { name: `${draft.code} ${draft.title}` })).toBeVisible();
  expect((await app.call<{ challenge: { status: string } }>('challenges.get', { id: draft.id })).challenge.status).toBe('draft');
});

test('the same move by keyboard: “移到…” lists the targets and a legal one is done', async ({ page, app }) => {
  const { board, cards } = await demoBoard(app, /基层申报攻坚榜/);
  const draft = cards.find((c) => c.status === 'draft');
  if (!draft) throw new Error('the demo board has no draft challenge');
  await open(page, `/boards/${board.id}`);
  await card(page, draft).getByRole('button', { name: new RegExp(draft.code) }).click();
  const menu = page.getByRole('dialog', { name: `移动 ${draft.code} 到…` });
  await expect(menu).toBeVisible();
  await menu.getByRole('button', { name: /待揭榜/ }).click();
  await expect(page.getByRole('status').filter({ hasText: `${draft.code} 已发榜` }).first()).toBeVisible();
  await expect(column(page, '待揭榜').getByRole('article', { name: `${draft.code} ${draft.title}` })).toBeVisible();
  expect((await app.call<{ challenge: { status: string } }>('challenges.get', { id: draft.id })).challenge.status).toBe('published');
});
