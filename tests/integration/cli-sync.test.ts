import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import { canonicalStateHash } from '../../main/sync/canonical';
import { freePort, jiebangBin, repoRoot, startHubProcess, stopProcess } from '../support/hub-process';
import { tempDir } from '../support/store';

/** The README's sync walk-through, as processes: a hub, two site databases, the CLI between them. */
const jiebang = (...args: string[]) => {
  const run = spawnSync(process.execPath, [jiebangBin, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
};

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function personId(file: string, name: string): string {
  const db = openDatabase(file, { create: false });
  const id = db.prepare('SELECT id FROM people WHERE name = ?').pluck().get(name) as string;
  db.close();
  return id;
}

describe('jiebang hub / enrol / sync', () => {
  it('two site databases synced through a hub show the same boards; the hub stops gracefully', async () => {
    const dir = tempDir();
    const hubDb = path.join(dir, 'hub.sqlite');
    expect(jiebang('seed', '--db', hubDb).code).toBe(0);
    const port = await freePort();
    const hub = await startHubProcess(hubDb, port);
    children.push(hub);
    const url = `http://127.0.0.1:${port}`;
    const sites = ['张慧春', '黄克坚'].map((name, i) => {
      // one by id, one by (unique) name
      const enrolment = jiebang('hub', 'enrol', '--db', hubDb, '--person', i === 0 ? personId(hubDb, name) : name, '--label', `site ${i}`);
      expect(enrolment.code).toBe(0);
      const code = /Enrolment code: (\S+)/.exec(enrolment.out)![1]!;
      const file = path.join(dir, `site-${i}.sqlite`);
      const enrolled = jiebang('enrol', '--db', file, '--hub', url, '--code', code);
      expect(enrolled.code, enrolled.err).toBe(0);
      return file;
    });
    for (const file of sites) {
      const synced = jiebang('sync', '--db', file, '--hub', url);
      expect(synced.code, synced.err).toBe(0);
      expect(synced.out).toMatch(/pulled [1-9]\d*/);
      expect(synced.out).toMatch(/pending 0/);
    }
    const boards = (file: string) => {
      const db = openDatabase(file, { create: false });
      const rows = db.prepare('SELECT id, title, status FROM boards ORDER BY id').all();
      const hash = canonicalStateHash(db);
      db.close();
      return { rows, hash };
    };
    const [a, b] = sites.map(boards);
    expect(a!.rows).toHaveLength(3);
    expect(a).toEqual(b);

    // wrong usage is refused clearly and touches nothing
    expect(jiebang('sync', '--db', sites[0]!, '--hub', 'ftp://x').code).toBe(2);
    expect(jiebang('sync', '--db', sites[0]!, '--hub', 'http://127.0.0.1:1/').code).toBe(1);
    expect(jiebang('hub', 'enrol', '--db', hubDb, '--person', 'nobody').code).toBe(1);

    // no link at all: the same round on a USB stick, while the hub process keeps the file open
    const stick = path.join(dir, 'site-0.bundle');
    const replyFile = path.join(dir, 'site-0.reply');
    const exported = jiebang('export-bundle', '--db', sites[0]!, '--out', stick);
    expect(exported.code, exported.err).toBe(0);
    expect(jiebang('import-bundle', '--db', hubDb, '--in', stick).code).toBe(2); // --reply is required at HQ
    const imported = jiebang('import-bundle', '--db', hubDb, '--in', stick, '--reply', replyFile);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/Reply bundle: /);
    const back = jiebang('import-bundle', '--db', sites[0]!, '--in', replyFile);
    expect(back.code, back.err).toBe(0);
    expect(jiebang('import-bundle', '--db', sites[1]!, '--in', replyFile).code).toBe(1); // another device's reply

    expect(await stopProcess(hub)).toBe(0);
    expect(boards(hubDb).hash).toBe(a!.hash);
  });
});
