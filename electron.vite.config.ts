import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './main/electron/csp';

const root = import.meta.dirname;

/**
 * index.html carries the production CSP in a meta tag. The dev server needs a looser one
 * (Vite injects inline styles and React Refresh an inline preamble), so in `serve` only
 * the meta tag is swapped for the dev policy from the same module.
 */
function devCspMetaPlugin(): Plugin {
  return {
    name: 'jiebang:dev-csp-meta',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(
        /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/,
        `$1${contentSecurityPolicy('development', { forMeta: true })}$2`,
      );
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'main/index.ts') },
      // better-sqlite3 loads a native .node file: it must stay a runtime require, never bundled.
      externalizeDeps: { include: ['better-sqlite3'] },
      rolldownOptions: { external: ['better-sqlite3'] },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      lib: { entry: resolve(root, 'preload/index.ts'), formats: ['cjs'] },
      // A sandboxed preload may only require('electron'): bundle everything else into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: { output: { entryFileNames: '[name].cjs', codeSplitting: false } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devCspMetaPlugin()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
      // Never inline assets as data: URLs, so the CSP can keep img-src/font-src to 'self'.
      assetsInlineLimit: 0,
    },
  },
});
