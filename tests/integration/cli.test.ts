import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../main/db/migrations';
import { openDatabase } from '../../main/db/open';
import { foundingCaseTitles } from '../../main/demo/content';
import { tempDbFile } from '../support/store';

/** The real launcher in a child process, as a user runs it: `node bin/jiebang.js …`. */
const root = path.resolve(import.meta.dirname, '../..');

function jiebang(...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(root, 'bin/jiebang.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('the jiebang command line', () => {
  it('seeds a new database, then doctor reports its version, integrity, counts and the four cases', () => {
    const file = tempDbFile('demo.sqlite');
    const seeded = jiebang('seed', '--db', file);
    expect(seeded.err).toBe('');
    expect(seeded.code).toBe(0);
    for (const title of foundingCaseTitles()) expect(seeded.out).toContain(title);

    const doctor = jiebang('doctor', '--db', file);
    expect(doctor.code).toBe(0);
    expect(doctor.out).toContain(`Schema version: ${SCHEMA_VERSION}`);
    expect(doctor.out).toContain('Integrity check: ok');
    expect(doctor.out).toMatch(/Replica id: [A-Za-z0-9_-]{6,}/);
    expect(doctor.out).toMatch(/challenge\s+challenges\s+15\b/);
    expect(doctor.out).toMatch(/board\s+boards\s+3\b/);
    expect(doctor.out).toMatch(/case\s+cases\s+1\b/);
    expect(doctor.out).toMatch(/Pending sync ops: [1-9]\d*/);
    for (const title of foundingCaseTitles()) expect(doctor.out).toContain(`] ${title}`);
    expect(doctor.out).not.toContain('not found');
    expect(doctor.out).toContain('Result: OK');

    const again = jiebang('seed', '--db', file);
    expect(again.code).toBe(1);
    expect(again.err).toContain('拒绝写入');
    expect(again.err).toContain('already has');
  });

  it('doctor exits non-zero with a clear message on a missing file, and creates none', () => {
    const file = tempDbFile('missing.sqlite');
    const run = jiebang('doctor', '--db', file);
    expect(run.code).toBe(1);
    expect(run.err).toContain('数据库文件不存在');
    expect(run.err).toContain('not found');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('doctor exits non-zero on a corrupt file (random bytes)', () => {
    const file = tempDbFile('corrupt.sqlite');
    fs.writeFileSync(file, randomBytes(16_384));
    const run = jiebang('doctor', '--db', file);
    expect(run.code).toBe(1);
    expect(run.err).toContain('已损坏');
    expect(run.err).toContain('damaged');
  });

  it('doctor exits non-zero on a database from a newer version of the app', () => {
    const file = tempDbFile('newer.sqlite');
    const db = openDatabase(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const run = jiebang('doctor', '--db', file);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`数据库版本 ${SCHEMA_VERSION + 5}`);
    expect(run.err).toContain('newer than this app');
  });

  it('refuses unknown commands and bad flags with exit 2, creating no file', () => {
    const file = tempDbFile('untouched.sqlite');
    const cases: [string[], string][] = [
      [['frobnicate', '--db', file], 'Unknown command'],
      [['seed', '--db', file, '--force'], "Unknown option '--force'"],
      [['seed', '--database', file], 'Unknown option'],
      [['seed', '--db'], 'argument missing'],
      [['seed'], 'Missing required option --db'],
      [['doctor', '--db', file, 'extra'], 'Unexpected argument'],
      [['--db', file], 'Unknown command'],
      [[], 'No command given'],
    ];
    for (const [args, message] of cases) {
      const run = jiebang(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err, args.join(' ')).toContain(message);
      expect(run.out, args.join(' ')).toBe('');
    }
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
  });

  it('prints help on --help and exits 0', () => {
    const overview = jiebang('--help');
    expect(overview.code).toBe(0);
    expect(overview.out).toContain('jiebang <命令 command>');
    for (const name of ['seed', 'doctor']) expect(overview.out).toContain(name);
    const seedHelp = jiebang('seed', '--help');
    expect(seedHelp.code).toBe(0);
    expect(seedHelp.out).toContain('jiebang seed --db FILE');
  });
});
