import fs from 'node:fs';
import path from 'node:path';

/**
 * Builds the renderer for the browser (e2e tests, the UI benchmark, `serve.ts --build`) with the same
 * Vite config electron-vite uses, so the files are the ones the app ships. A build takes seconds;
 * it is skipped when nothing the renderer is built from is newer than the last build.
 */
export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const defaultRendererOut = path.join(repoRoot, 'out/renderer');

/** What the renderer bundle is made from (main/ too: the renderer imports the contract's types and vocabulary). */
const INPUTS = ['renderer', 'main', 'resources/icons', 'renderer.config.ts', 'package-lock.json', 'tsconfig.base.json'];

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry, { withFileTypes: true })) {
    if (child.name === 'node_modules' || child.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child.name)));
  }
  return newest;
}

/** True when `outDir` has no build, or any input changed after it was built. */
export function rendererIsStale(outDir = defaultRendererOut): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(outDir, 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  return INPUTS.some((input) => newestMtime(path.join(repoRoot, input)) > built);
}

/** Builds the renderer into `outDir` when stale (or always, with `force`); returns whether it built. */
export async function ensureRendererBuilt(outDir = defaultRendererOut, options: { force?: boolean; log?: (line: string) => void } = {}): Promise<boolean> {
  if (!options.force && !rendererIsStale(outDir)) return false;
  const started = Date.now();
  const [{ build }, { rendererConfig }] = await Promise.all([import('vite'), import('../../renderer.config')]);
  await build({
    ...rendererConfig,
    configFile: false,
    logLevel: 'warn',
    build: { ...rendererConfig.build, outDir, emptyOutDir: true },
  });
  options.log?.(`renderer built into ${path.relative(repoRoot, outDir) || outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
