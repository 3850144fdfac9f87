import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { JiebangError } from '../domain/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** create the file if missing (default true) */
  create?: boolean;
}

/** Backups sit beside the database: `<file>.bak-v<old version>-<timestamp>`. */
export function listBackups(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${base}.bak-`))
    .sort()
    .map((name) => path.join(dir, name));
}

function corrupt(file: string, reason: string): JiebangError {
  const backups = listBackups(file);
  const offer = backups.length ? `可用备份：${backups.at(-1)}` : '没有可用备份';
  const offerEn = backups.length ? `a backup is available: ${backups.at(-1)}` : 'no backup is available';
  return new JiebangError(
    'DB_CORRUPT',
    `数据库文件已损坏（${reason}），${offer}`,
    `The database file is damaged (${reason}); ${offerEn}`,
    { file, backups },
  );
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // NORMAL is durable across application crashes in WAL mode and far cheaper than FULL.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
}

/** Opens (and if needed creates and migrates) a Jiebang database file. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
  if (!existed && options.create === false) {
    throw new JiebangError('NOT_FOUND', `数据库文件不存在：${file}`, `Database file not found: ${file}`);
  }
  if (!existed) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw corrupt(file, (err as Error).message);
  }
  try {
    if (existed) {
      const check = db.pragma('integrity_check') as { integrity_check: string }[];
      const first = check[0]?.integrity_check;
      if (first !== 'ok') throw corrupt(file, check.map((r) => r.integrity_check).join('; '));
    }
    refuseNewer(db);
    applyPragmas(db);
    migrate(db, file, existed);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof JiebangError) throw err;
    throw corrupt(file, (err as Error).message);
  }
}

/** Checked before anything (even a pragma) touches the file: a newer database stays byte-for-byte as it was. */
function refuseNewer(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new JiebangError(
      'DB_NEWER',
      `数据库版本 ${current} 比本程序支持的版本 ${SCHEMA_VERSION} 新，请先升级揭榜`,
      `The database is at schema version ${current}, newer than this app's ${SCHEMA_VERSION}; please upgrade Jiebang`,
      { databaseVersion: current, appVersion: SCHEMA_VERSION },
    );
  }
}

function migrate(db: Db, file: string, existed: boolean): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current === SCHEMA_VERSION) return;
  if (existed && current > 0) backup(db, file, current);
  for (const migration of MIGRATIONS.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

function backup(db: Db, file: string, version: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.bak-v${version}-${stamp}`;
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

/** Runs migrations up to (and including) `version` only — for migration tests. */
export function openAtVersion(file: string, version: number): Db {
  const db = new Database(file);
  applyPragmas(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of MIGRATIONS.slice(current, version)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db;
}
