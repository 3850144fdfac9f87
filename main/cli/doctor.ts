import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ENTITIES, ENTITY_NAMES } from '../db/entities';
import { SCHEMA_VERSION } from '../db/migrations';
import type { Db } from '../db/open';
import { openDatabase } from '../db/open';
import { foundingCaseTitles } from '../demo/content';
import { JiebangError } from '../domain/errors';
import { challengeMachine } from '../domain/machines';
import type { ChallengeStatus } from '../domain/machines';
import { pendingOwnOps } from '../sync/client';
import type { CliIo, Command } from './command';
import { CliError, EXIT, requireString } from './command';

/** `jiebang doctor --db FILE`: what is in a database and whether it is healthy. Never creates a file. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: '检查数据库：版本、完整性、各表行数、待同步操作、演示案例 / Check a database: version, integrity, counts, pending ops, demo cases',
  usage: 'jiebang doctor --db FILE',
  details: ['发现问题（文件缺失、损坏、版本过新、完整性失败）时退出码为 1。 / Exits 1 on a problem (missing, damaged, newer schema, integrity failure).'],
  options: { db: { type: 'string' } },
  run(values, io) {
    const file = path.resolve(requireString(values, 'db'));
    const before = peekVersion(file);
    const db = open(file);
    try {
      return report(db, file, before, io);
    } finally {
      db.close();
    }
  },
};

function open(file: string): Db {
  if (!fs.existsSync(file)) throw new CliError(EXIT.failure, `数据库文件不存在：${file}`, `Database file not found: ${file}`);
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new CliError(EXIT.failure, `不是文件：${file}`, `Not a file: ${file}`);
  if (stat.size === 0) throw new CliError(EXIT.failure, `数据库文件为空：${file}`, `The database file is empty: ${file}`);
  try {
    return openDatabase(file, { create: false });
  } catch (err) {
    if (err instanceof JiebangError) throw new CliError(EXIT.failure, err.messageZh, err.messageEn);
    throw err;
  }
}

/** The schema version before openDatabase migrates an older file, so the report can say so. */
function peekVersion(file: string): number | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch {
    return null; // openDatabase reports what is wrong
  }
}

function report(db: Db, file: string, before: number | null, io: CliIo): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const healthy = integrity.length === 1 && integrity[0] === 'ok';
  const replicaId = (db.prepare('SELECT id FROM replica').pluck().get() as string | undefined) ?? '（尚未生成 / not yet created）';
  const count = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;

  io.out(`揭榜数据库体检 / Jiebang database check: ${file}`);
  const migrated = before !== null && before < version ? `；已从版本 ${before} 升级 / migrated from ${before}` : '';
  io.out(`结构版本 Schema version: ${version}（本程序 / this app: ${SCHEMA_VERSION}${migrated}）`);
  io.out(`完整性检查 Integrity check: ${integrity.join('; ')}`);
  io.out(`副本编号 Replica id: ${replicaId}`);
  io.out('各表行数 Rows per table:');
  for (const entity of ENTITY_NAMES) {
    const table = ENTITIES[entity].table;
    io.out(`  ${entity.padEnd(12)} ${table.padEnd(18)} ${count(`SELECT count(*) FROM ${table}`)}`);
  }
  io.out(`待同步操作 Pending sync ops: ${pendingOwnOps(db)}`);

  const boards = db
    .prepare('SELECT b.id, b.title, b.status, (SELECT count(*) FROM challenges c WHERE c.board_id = b.id) AS n FROM boards b ORDER BY b.period_start, b.title')
    .all() as { id: string; title: string; status: string; n: number }[];
  io.out(`榜单 Boards: ${boards.length}`);
  for (const b of boards) io.out(`  [${b.status}] ${b.title}（榜题 challenges ${b.n}）`);

  const cases = db.prepare('SELECT title FROM cases ORDER BY promoted_at').pluck().all() as string[];
  io.out(`典型案例 Cases: ${cases.length}`);
  for (const title of cases) io.out(`  ${title}`);

  io.out('创始案例 Founding cases (demo):');
  for (const title of foundingCaseTitles()) {
    const status = db.prepare('SELECT status FROM challenges WHERE title = ? AND parent_id IS NULL').pluck().get(title) as ChallengeStatus | undefined;
    io.out(`  ${status ? `✓ [${challengeMachine.labels[status]} ${status}]` : '✗ 未找到 not found'} ${title}`);
  }

  if (!healthy) {
    io.err('结论：数据库完整性检查未通过 / Result: the database failed its integrity check');
    return EXIT.failure;
  }
  io.out('结论：正常 / Result: OK');
  return EXIT.ok;
}
