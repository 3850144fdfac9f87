import path from 'node:path';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';
import { rendererConfig } from '../../renderer.config';
import { openAppStore } from '../store';
import { startWebBridge } from './server';

/**
 * `npm run dev:web`: the real renderer in any browser, against the real services on a real SQLite
 * file (demo data on first run). Vite serves the renderer with hot reload and forwards /api to the bridge.
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: path.join('.tmp', 'dev-web.sqlite') },
    port: { type: 'string', default: '5173' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`端口无效：${values.port} / Invalid port: ${values.port}`);
  process.exit(2);
}

const store = openAppStore(values.db as string);
const bridge = await startWebBridge({ store });
const vite = await createServer({
  ...rendererConfig,
  configFile: false,
  server: { host: '127.0.0.1', port, strictPort: true, proxy: { '/api': { target: bridge.url } } },
});
await vite.listen();
console.log(`揭榜 Jiebang (browser bridge): http://127.0.0.1:${port}/   data: ${values.db}${store.seededDemo ? ' (demo data seeded)' : ''}`);

const stop = async () => {
  await vite.close();
  await bridge.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
