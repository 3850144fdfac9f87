import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: the BUILT renderer in Debian's Chromium, served with the production CSP by the
 * browser bridge (main/web/static.ts + server.ts), against the real services on a fresh copy of the
 * demo database for every test (tests/e2e/fixtures.ts). Never downloads a browser.
 *
 * One worker: the machines have two shared cores, and each test has its own database anyway.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // test-results/screenshots/ (the views' screenshots) sits beside this and is not emptied by Playwright
  outputDir: 'test-results/playwright',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // generous: a timeout here means a hang, not slowness (two shared cores)
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: 'test-results/html', open: 'never' }]],
  use: {
    browserName: 'chromium',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium' }],
});
