import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer.config';

const root = import.meta.dirname;

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
  renderer: rendererConfig,
});
