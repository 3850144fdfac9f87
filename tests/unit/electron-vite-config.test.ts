import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, PluginOption } from 'vite';
import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';
import { contentSecurityPolicy } from '../../main/electron/csp';

const repo = path.resolve(import.meta.dirname, '../..');

function findPlugin(options: PluginOption[] | undefined, name: string): Plugin {
  const plugin = (options ?? []).flat(3).find((option) => (option as Plugin | null)?.name === name);
  if (!plugin) throw new Error(`no plugin ${name}`);
  return plugin as Plugin;
}

describe('electron.vite.config.ts', () => {
  it('builds main/index.ts into out/main, with better-sqlite3 left external', () => {
    const build = config.main?.build;
    expect(build?.lib && build.lib.entry).toBe(path.join(repo, 'main/index.ts'));
    expect(build?.outDir).toBe(path.join(repo, 'out/main'));
    expect(build?.rolldownOptions?.external).toEqual(['better-sqlite3']);
  });

  it('builds the preload as one CommonJS file, as a sandboxed preload requires', () => {
    const build = config.preload?.build;
    expect(build?.lib && build.lib.entry).toBe(path.join(repo, 'preload/index.ts'));
    expect(build?.lib && build.lib.formats).toEqual(['cjs']);
    expect(build?.externalizeDeps).toBe(false);
    expect(build?.rolldownOptions?.output).toMatchObject({ entryFileNames: '[name].cjs', codeSplitting: false });
  });

  it('builds the renderer from renderer/index.html into out/renderer without data: assets', () => {
    expect(config.renderer?.root).toBe(path.join(repo, 'renderer'));
    expect(config.renderer?.build?.outDir).toBe(path.join(repo, 'out/renderer'));
    expect(config.renderer?.build?.assetsInlineLimit).toBe(0);
  });

  it('swaps the CSP meta tag for the dev policy on the dev server only', () => {
    const plugin = findPlugin(config.renderer?.plugins, 'jiebang:dev-csp-meta');
    expect(plugin.apply).toBe('serve');
    const html = readFileSync(path.join(repo, 'renderer/index.html'), 'utf8');
    const transform = plugin.transformIndexHtml as (html: string) => string;
    const served = transform(html);
    expect(served).toContain(`content="${contentSecurityPolicy('development', { forMeta: true })}"`);
    expect(served).not.toContain(`content="${contentSecurityPolicy('production', { forMeta: true })}"`);
  });
});
