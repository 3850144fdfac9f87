import Database from 'better-sqlite3';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../main/db/entities';
import { listBackups, openAtVersion, openDatabase } from '../../main/db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../main/db/migrations';
import { JiebangError } from '../../main/domain/errors';
import { tempDbFile } from '../support/store';

function openError(file: string): JiebangError {
  try {
    openDatabase(file).close();
  } catch (err) {
    if (err instanceof JiebangError) return err;
    throw err;
  }
  throw new Error('expected openDatabase to refuse');
}

describe('database opening and migrations', () => {
  it('a fresh file gets every migration, WAL, foreign keys and NORMAL sync', () => {
    const db = openDatabase(tempDbFile());
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    db.close();
  });

  it('the entity registry matches the real tables column for column', () => {
    const db = openDatabase(tempDbFile());
    for (const def of Object.values(ENTITIES)) {
      const columns = (db.prepare(`PRAGMA table_info(${def.table})`).all() as { name: string }[]).map((c) => c.name);
      expect(columns.sort(), def.table).toEqual(['id', ...Object.keys(def.columns)].sort());
    }
    db.close();
  });

  it('migration 2 (search index) indexes rows written under version 1, and a backup of v1 is made', () => {
    const file = tempDbFile();
    const v1 = openAtVersion(file, 1);
    v1.prepare("INSERT INTO challenges (id, title, background, code) VALUES ('c1', '超深海直缝埋弧焊管', '抗压溃试验', 'J001')").run();
    v1.prepare("INSERT INTO progress_entries (id, challenge_id, work_done) VALUES ('p1', 'c1', '完成坝肩渗压计安装')").run();
    v1.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT rowid FROM fts_challenges WHERE fts_challenges MATCH '\"直缝埋弧\"'").all()).toHaveLength(1);
    expect(db.prepare("SELECT rowid FROM fts_progress WHERE fts_progress MATCH '\"渗压计\"'").all()).toHaveLength(1);
    // the triggers keep it current after the upgrade
    db.prepare("UPDATE challenges SET title = '深海焊管无损检测' WHERE id = 'c1'").run();
    expect(db.prepare("SELECT rowid FROM fts_challenges WHERE fts_challenges MATCH '\"直缝埋弧\"'").all()).toHaveLength(0);
    expect(db.prepare("SELECT rowid FROM fts_challenges WHERE fts_challenges MATCH '\"无损检测\"'").all()).toHaveLength(1);
    db.close();
    const backups = listBackups(file);
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/\.bak-v1-/);
    const backup = new Database(backups[0]!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT title FROM challenges').pluck().get()).toBe('超深海直缝埋弧焊管');
    backup.close();
  });

  it('migration 3 (sync state) adds the peer and device tables and keeps the data and the op log', () => {
    const file = tempDbFile();
    const v2 = openAtVersion(file, 2);
    v2.prepare("INSERT INTO boards (id, title) VALUES ('b1', '年度攻关榜')").run();
    v2.prepare("INSERT INTO sync_ops (replica_id, replica_seq, hlc, entity, row_id, field, value, schema_version) VALUES ('r', 1, 'h', 'board', 'b1', 'title', '\"年度攻关榜\"', 2)").run();
    v2.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT title FROM boards').pluck().get()).toBe('年度攻关榜');
    expect(db.prepare('SELECT count(*) FROM sync_ops').pluck().get()).toBe(1);
    for (const table of ['sync_peer', 'hub_devices', 'hub_enrolments']) {
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table), table).toBe(1);
    }
    db.close();
  });

  it('migration 4 (refusals) marks every existing op as not refused and adds the refusal tables', () => {
    const file = tempDbFile();
    const v3 = openAtVersion(file, 3);
    v3.prepare("INSERT INTO sync_ops (replica_id, replica_seq, hlc, entity, row_id, field, value, schema_version) VALUES ('r', 1, 'h', 'board', 'b1', 'title', '\"榜\"', 3)").run();
    v3.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT refused FROM sync_ops').pluck().all()).toEqual([0]);
    for (const table of ['hub_refusals', 'sync_refusals']) {
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table), table).toBe(1);
    }
    db.close();
  });

  it('migration 5 (write groups) leaves existing ops ungrouped', () => {
    const file = tempDbFile();
    const v4 = openAtVersion(file, 4);
    v4.prepare("INSERT INTO sync_ops (replica_id, replica_seq, hlc, entity, row_id, field, value, schema_version) VALUES ('r', 1, 'h', 'board', 'b1', 'title', '\"榜\"', 4)").run();
    v4.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT tx, refused FROM sync_ops').all()).toEqual([{ tx: null, refused: 0 }]);
    db.close();
  });

  it('migration 6 (board view indexes) serves the latest progress from the index alone', () => {
    const file = tempDbFile();
    const v5 = openAtVersion(file, 5);
    v5.prepare("INSERT INTO progress_entries (id, challenge_id, date, created_at, percent) VALUES ('e1', 'c1', '2026-05-01', 'x', 10), ('e2', 'c1', '2026-05-02', 'y', 20)").run();
    v5.close();
    const db = openDatabase(file);
    const sql = 'SELECT percent FROM progress_entries WHERE challenge_id = ? ORDER BY date DESC, created_at DESC LIMIT 1';
    expect(db.prepare(sql).pluck().get('c1')).toBe(20);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('c1') as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toContain('COVERING INDEX progress_latest');
    db.close();
  });

  it('migration 8 (milestone copies) leaves existing milestones as planned ones, not copies', () => {
    const file = tempDbFile();
    const v7 = openAtVersion(file, 7);
    v7.prepare("INSERT INTO milestones (id, pledge_id, challenge_id, seq, title, due_date, status) VALUES ('m1', 'p1', 'c1', 1, '节点', '2026-05-01', 'verified')").run();
    v7.close();
    const db = openDatabase(file);
    expect(db.prepare("SELECT status, copied_from_id FROM milestones WHERE id = 'm1'").get()).toEqual({ status: 'verified', copied_from_id: null });
    db.close();
  });

  it('migration 7 (status conflicts) starts with no conflicts and keeps the statuses written before', () => {
    const file = tempDbFile();
    const v6 = openAtVersion(file, 6);
    v6.prepare("INSERT INTO challenges (id, board_id, code, title, status) VALUES ('c1', 'b1', 'K-1', '榜题', 'in_progress')").run();
    v6.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT count(*) FROM status_conflicts').pluck().get()).toBe(0);
    expect(db.prepare("SELECT status FROM challenges WHERE id = 'c1'").pluck().get()).toBe('in_progress');
    db.close();
  });

  it('migration 9 (evidence) keeps attachments written before as live ones, and adds the transfer queue and the hub’s blob list', () => {
    const file = tempDbFile();
    const v8 = openAtVersion(file, 8);
    v8.prepare("INSERT INTO attachments (id, sha256, name, mime, size, author_id, owner_entity, owner_id) VALUES ('a1', ?, '照片.jpg', 'image/jpeg', 1234, 'p1', 'progress', 'e1')").run('a'.repeat(64));
    v8.close();
    const db = openDatabase(file);
    expect(db.prepare("SELECT sha256, size, challenge_id, thumb_sha256, removed_at FROM attachments WHERE id = 'a1'").get()).toEqual({ sha256: 'a'.repeat(64), size: 1234, challenge_id: null, thumb_sha256: null, removed_at: null });
    expect(db.prepare('SELECT count(*) FROM evidence_transfers').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM hub_blobs').pluck().get()).toBe(0);
    // a blob is queued once per direction
    const queue = db.prepare("INSERT INTO evidence_transfers (sha256, direction, kind, size, priority, state, created_at, updated_at) VALUES (?, 'up', 'original', 1, 30, 'queued', 'now', 'now')");
    queue.run('a'.repeat(64));
    expect(() => queue.run('a'.repeat(64))).toThrow(/UNIQUE/);
    db.close();
  });

  it('reopening an up-to-date database neither migrates nor backs up', () => {
    const file = tempDbFile();
    openDatabase(file).close();
    openDatabase(file).close();
    expect(listBackups(file)).toHaveLength(0);
  });

  it('refuses a database newer than the app, unchanged', () => {
    const file = tempDbFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = fs.readFileSync(file);
    const err = openError(file);
    expect(err.code).toBe('DB_NEWER');
    expect(err.messageZh).toContain('请先升级');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('a corrupt file gives a clear error and offers the backup', () => {
    const file = tempDbFile();
    const v1 = openAtVersion(file, 1);
    v1.close();
    openDatabase(file).close(); // makes a backup of v1
    fs.writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]));
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    const err = openError(file);
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.messageZh).toContain('可用备份');
    expect((err.details as { backups: string[] }).backups).toHaveLength(1);

    const garbage = tempDbFile('garbage.sqlite');
    fs.writeFileSync(garbage, 'this is not a database at all, just text');
    const err2 = openError(garbage);
    expect(err2.code).toBe('DB_CORRUPT');
    expect(err2.messageZh).toContain('没有可用备份');
  });

  it('refuses to create a file when asked to open an existing one only', () => {
    const file = tempDbFile('missing.sqlite');
    expect(() => openDatabase(file, { create: false })).toThrow(/not found/);
    expect(fs.existsSync(file)).toBe(false);
  });
});
