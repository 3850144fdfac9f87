import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from '@testing-library/react';
import { memoryLocation } from 'wouter/memory-location';
import { afterAll, afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import type { JiebangApi } from '../../main/contract/index';
import type { EventPayloads, EventType } from '../../main/contract/result';
import { openAppStore } from '../../main/store';
import type { AppStore } from '../../main/store';
import { App } from '../../renderer/src/App';
import { createContractProxy } from '../../renderer/src/bridge';
import { createI18n } from '../../renderer/src/i18n';
import type { Language } from '../../renderer/src/i18n';
import { useSession } from '../../renderer/src/lib/session';
import { useToasts } from '../../renderer/src/lib/toasts';
import { tempDir } from './store';

/**
 * Component tests run the real views against the real services on a real SQLite file seeded with
 * the demo data — no mocked API. The demo is seeded once per test file into a template that each
 * test copies, on a fixed clock so dates and traffic lights are the same on every run.
 */
export const UI_NOW = new Date('2026-11-24T02:00:00Z');

let template: string | null = null;
const open: AppStore[] = [];

afterEach(async () => {
  cleanup();
  useSession.setState({ session: null, people: [], error: null });
  useToasts.setState({ toasts: [] });
  for (const store of open.splice(0)) await store.close();
});

afterAll(() => {
  if (template) fs.rmSync(path.dirname(template), { recursive: true, force: true });
  template = null;
});

async function demoTemplate(): Promise<string> {
  if (template) return template;
  // outside tempDir(): that is emptied after each test, and the template serves the whole file
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiebang-ui-template-')), 'demo.sqlite');
  const store = openAppStore(file, { now: () => UI_NOW });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  await store.close();
  template = file;
  return file;
}

/** The contract over a store in this process: what the preload does, minus the process boundary. */
export function apiOf(store: AppStore): JiebangApi {
  const on = <T extends EventType>(type: T, callback: (payload: EventPayloads[T]) => void) =>
    type === 'data-changed'
      ? store.onDataChanged(callback as (p: EventPayloads['data-changed']) => void)
      : store.onSyncStatus(callback as (p: EventPayloads['sync-status']) => void);
  return createContractProxy(async (method, input) => store.dispatch(method, input), on as JiebangApi['on']);
}

export interface UiStore {
  store: AppStore;
  api: JiebangApi;
  /** calls a method directly (setting up a case), throwing on refusal */
  call<T = unknown>(method: string, input: unknown): Promise<T>;
}

/** A fresh copy of the demo database file (e.g. as a hub's database). */
export async function demoCopy(name = 'demo-copy.sqlite'): Promise<string> {
  const file = path.join(tempDir(), name);
  fs.copyFileSync(await demoTemplate(), file);
  return file;
}

/** A fresh copy of the demo database, or an empty one. */
export async function openUiStore(options: { empty?: boolean } = {}): Promise<UiStore> {
  const file = path.join(tempDir(), 'ui.sqlite');
  if (!options.empty) fs.copyFileSync(await demoTemplate(), file);
  const store = openAppStore(file, { now: () => UI_NOW, seedDemo: false });
  open.push(store);
  const api = apiOf(store);
  return {
    store,
    api,
    async call<T>(method: string, input: unknown) {
      const result = await store.dispatch(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as T;
    },
  };
}

/** Renders the whole app at `path`, as the real shell does, in the chosen language. */
export function renderApp(api: JiebangApi, at = '/', language: Language = 'zh-CN') {
  const location = memoryLocation({ path: at, record: true });
  const i18n = createI18n(language);
  const view = render(<App api={api} i18n={i18n} location={location.hook} />);
  return { ...view, i18n, navigate: location.navigate, history: location.history };
}
