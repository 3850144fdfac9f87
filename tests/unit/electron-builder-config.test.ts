import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const configPath = path.join(repo, 'electron-builder.yml');
const schemaPath = path.join(repo, 'node_modules/app-builder-lib/scheme.json');

type Config = Record<string, unknown> & {
  nsis: Record<string, unknown>;
  linux: Record<string, unknown>;
  win: Record<string, unknown>;
  mac: Record<string, unknown>;
  electronFuses: Record<string, unknown>;
};

const configText = readFileSync(configPath, 'utf8');
const config = parse(configText) as Config;

/**
 * scheme.json is draft-07 (its $schema), which is Ajv's default draft. It declares unions of
 * types (allowUnionTypes) and uses ajv-keywords' `typeof` for options that can only be functions
 * in a JS config; YAML can never hold a function, so the keyword simply checks `typeof`.
 */
function compileBuilderSchema(): ValidateFunction {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { $schema?: string };
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'typeof', schemaType: 'string', validate: (type: string, data: unknown) => typeof data === type });
  return ajv.compile(schema);
}

describe('electron-builder.yml', () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    validate = compileBuilderSchema();
  });

  it("validates against electron-builder's own schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would catch a misspelt option (the validator is live)', () => {
    expect(validate({ ...config, nsis: { ...config.nsis, oneClik: false } })).toBe(false);
    expect(validate({ ...config, npmRebuild: 'no' })).toBe(false);
  });

  it('points editors at the same schema', () => {
    expect(configText.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/app-builder-lib/scheme.json');
    expect(existsSync(schemaPath)).toBe(true);
  });

  it('identifies the app', () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { productName: string; main: string };
    expect(config.appId).toBe('cn.jiebang.desktop');
    expect(config.productName).toBe('揭榜 Jiebang');
    expect(config.productName).toBe(pkg.productName);
    // the entry package.json names must be inside what is packed
    expect(pkg.main.startsWith('out/')).toBe(true);
  });

  it('packs only the build output and package.json, into dist/', () => {
    expect(config.directories).toMatchObject({ output: 'dist' });
    expect((config.files as string[]).filter((pattern) => !pattern.startsWith('!'))).toEqual(['out/**', 'package.json']);
  });

  it('never rebuilds native modules and unpacks better-sqlite3 from the asar', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });

  it('sets the fuses that close Node backdoors into the packaged binary', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage and deb for Linux, as an Office app with a maintainer', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('builds an assisted NSIS installer for Windows that keeps user data on uninstall', () => {
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      allowToChangeInstallationDirectory: true,
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds a dmg for macOS', () => {
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('uses an icon that exists and is a 512×512 PNG', () => {
    const icon = readFileSync(path.join(repo, String(config.icon)));
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
