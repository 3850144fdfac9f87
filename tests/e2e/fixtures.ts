import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import { openAppStore } from '../../main/store';
import type { AppStore } from '../../main/store';
import { startWebBridge } from '../../main/web/server';
import { staticFiles } from '../../main/web/static';
import { defaultRendererOut, repoRoot } from '../../main/web/build';

/**
 * Every test gets its own server: a fresh copy of the demo database (seeded once per run by
 * global-setup.ts), the real services, and the built renderer served with the production CSP.
 * `page.goto('/#/path')` opens the app there. Uncaught page errors and CSP violations fail the test.
 */
export interface E2eApp {
  url: string;
  store: AppStore;
  /** a contract call as the device's current person, throwing the service's reason on refusal */
  call<T = unknown>(method: string, input: unknown): Promise<T>;
  /** a person's id by name (the demo's people have Chinese names) */
  personId(name: string): Promise<string>;
}

export const SCREENSHOT_DIR = path.join(repoRoot, 'test-results/screenshots');

async function openServer(): Promise<{ app: E2eApp; close: () => Promise<void> }> {
  const template = process.env.JIEBANG_E2E_TEMPLATE;
  if (!template) throw new Error('tests/e2e/global-setup.ts did not run (JIEBANG_E2E_TEMPLATE is unset)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiebang-e2e-'));
  const file = path.join(dir, 'e2e.sqlite');
  fs.copyFileSync(template, file);
  const store = openAppStore(file, { seedDemo: false });
  const bridge = await startWebBridge({ store, fallback: staticFiles(process.env.JIEBANG_E2E_STATIC ?? defaultRendererOut) });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await store.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as T;
  };
  const app: E2eApp = {
    url: bridge.url,
    store,
    call,
    async personId(name) {
      const people = await call<{ id: string; name: string }[]>('people.list', {});
      const person = people.find((p) => p.name === name);
      if (!person) throw new Error(`no person named ${name}`);
      return person.id;
    },
  };
  return {
    app,
    close: async () => {
      await bridge.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ app: E2eApp; pageProblems: string[] }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
  app: async ({}, use) => {
    const { app, close } = await openServer();
    await use(app);
    await close();
  },
  baseURL: async ({ app }, use) => {
    await use(app.url);
  },
  // every test: the page must not throw, and nothing may be blocked by the CSP
  pageProblems: [
    async ({ page }, use, testInfo) => {
      const problems: string[] = [];
      const consoleErrors: string[] = [];
      page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const text = msg.text();
        if (/Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`);
        else consoleErrors.push(text);
      });
      await use(problems);
      if (consoleErrors.length) await testInfo.attach('console-errors.txt', { body: consoleErrors.join('\n'), contentType: 'text/plain' });
      expect(problems, 'uncaught page errors or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app at a hash route and waits for the shell. */
export async function open(page: Page, route: string): Promise<void> {
  await page.goto(`/#${route}`);
  await expect(page.getByRole('navigation', { name: '主导航' }).or(page.getByRole('navigation', { name: 'Main' }))).toBeVisible();
}

/** Switches the device's person through the header's switcher and waits until the app acts as them. */
export async function switchPerson(page: Page, name: string, app: E2eApp): Promise<void> {
  const select = page.getByRole('combobox', { name: '当前用户' });
  await select.selectOption({ label: name });
  await expect
    .poll(async () => (await app.call<{ person: { name: string } | null }>('session.get', {})).person?.name)
    .toBe(name);
  await expect(select.locator('option:checked')).toHaveText(name);
  await expect(page.getByRole('status').filter({ hasText: `已切换为 ${name}` }).last()).toBeVisible();
}

/** Waits for a success (or info) message containing `text`. */
export async function expectToast(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: text }).last()).toBeVisible();
}

/** Waits for an error message containing `text` (the service's reason). */
export async function expectAlert(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.getByRole('alert').filter({ hasText: text }).last()).toBeVisible();
}

/** Saves the page as test-results/screenshots/<view>.png (kept on every run) and attaches it to the report. */
export async function screenshot(page: Page, view: string, testInfo: TestInfo): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${view}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  await testInfo.attach(view, { path: file, contentType: 'image/png' });
}
