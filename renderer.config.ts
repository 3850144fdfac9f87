import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';
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

/** The renderer's Vite config, shared by electron-vite (the app) and the browser bridge's dev server. */
export const rendererConfig = {
  root: resolve(root, 'renderer'),
  plugins: [react(), devCspMetaPlugin()],
  // the app icon doubles as the favicon (served as /icon.png)
  publicDir: resolve(root, 'resources/icons'),
  build: {
    outDir: resolve(root, 'out/renderer'),
    rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    // Never inline assets as data: URLs, so the CSP can keep img-src/font-src to 'self'.
    assetsInlineLimit: 0,
  },
} satisfies UserConfig;
