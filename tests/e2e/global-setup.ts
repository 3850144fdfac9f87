import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppStore } from '../../main/store';
import { defaultRendererOut, ensureRendererBuilt } from '../../main/web/build';
import { CHROMIUM } from '../../playwright.config';

/**
 * Once per run: build the renderer when its sources changed since the last build (E2E_BUILD=0 skips
 * this), and seed the demo
 * data once into a template database that every test copies (tests/e2e/fixtures.ts).
 */
export default async function globalSetup(): Promise<() => void> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  // E2E_BUILD=0 runs against the renderer already in out/renderer (e.g. while someone else's view is half-written)
  if (process.env.E2E_BUILD === '0') console.log('e2e: E2E_BUILD=0, using the renderer already built in out/renderer');
  else await ensureRendererBuilt(defaultRendererOut, { log: (line) => console.log(`e2e: ${line}`) });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiebang-e2e-template-'));
  const file = path.join(dir, 'demo.sqlite');
  const store = openAppStore(file);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  await store.close();
  process.env.JIEBANG_E2E_TEMPLATE = file;
  process.env.JIEBANG_E2E_STATIC = defaultRendererOut;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
