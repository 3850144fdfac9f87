import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openAppStore } from '../store';
import { defaultRendererOut, ensureRendererBuilt } from './build';
import { startWebBridge } from './server';
import { staticFiles } from './static';

/**
 * The BUILT renderer in a browser, against the real services on a real SQLite file (demo data on first
 * run), with the production CSP on every page: what the e2e tests and the UI benchmark drive.
 *
 *   node --import tsx main/web/serve.ts [--db FILE] [--port N] [--static out/renderer] [--build] [--no-demo]
 *   npm run serve:web -- --db FILE --port N      (the same, building first when needed)
 *
 * --build builds the renderer first when its sources changed since the last build. --port 0 picks a free
 * port. Prints one line `ready <url>` once it listens (scripts wait for it); stops on SIGINT/SIGTERM.
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: path.join('.tmp', 'web.sqlite') },
    port: { type: 'string', default: '5180' },
    static: { type: 'string', default: defaultRendererOut },
    build: { type: 'boolean', default: false },
    'no-demo': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口无效：${values.port} / Invalid port: ${values.port}`);
  process.exit(2);
}
const staticDir = path.resolve(values.static as string);
if (values.build) await ensureRendererBuilt(staticDir, { log: (line) => console.log(line) });

fs.mkdirSync(path.dirname(path.resolve(values.db as string)), { recursive: true });
const store = openAppStore(values.db as string, { seedDemo: !values['no-demo'] });
const bridge = await startWebBridge({ store, fallback: staticFiles(staticDir) }, port);
console.log(`揭榜 Jiebang (built renderer): ${bridge.url}/   data: ${values.db}${store.seededDemo ? ' (demo data seeded)' : ''}`);
console.log(`ready ${bridge.url}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
