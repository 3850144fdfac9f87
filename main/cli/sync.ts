import path from 'node:path';
import { openDatabase } from '../db/open';
import { enrol, getPeer, SyncError, syncOnce } from '../sync/client';
import type { Command, OptionValues } from './command';
import { CliError, EXIT, requireString, usageError } from './command';

function hubUrl(values: OptionValues): string {
  const raw = requireString(values, 'hub');
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.href;
  } catch {
    throw usageError(`总部地址无效：${raw}`, `Invalid hub URL: ${raw}`);
  }
}

function refused(err: unknown): never {
  if (err instanceof SyncError) throw new CliError(EXIT.failure, `同步被拒绝（${err.code}）：${err.message}`, `Sync refused (${err.code}): ${err.message}`);
  throw new CliError(EXIT.failure, `无法连接总部：${(err as Error).message}`, `Cannot reach the hub: ${(err as Error).message}`);
}

/** `jiebang enrol --db FILE --hub URL --code CODE`: this database becomes a device of that hub. */
export const enrolCommand: Command = {
  name: 'enrol',
  summary: '用注册码把本数据库注册到总部 / Enrol this database with a hub using a code',
  usage: 'jiebang enrol --db FILE --hub URL --code CODE',
  options: { db: { type: 'string' }, hub: { type: 'string' }, code: { type: 'string' } },
  async run(values, io) {
    const url = hubUrl(values);
    const code = requireString(values, 'code');
    const db = openDatabase(path.resolve(requireString(values, 'db')));
    try {
      const answer = await enrol(db, url, code).catch(refused);
      io.out(`已注册 Enrolled: device ${answer.deviceId}, person ${answer.personId}, hub ${url}`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

/** `jiebang sync --db FILE --hub URL`: one sync until nothing is left, printing what moved. */
export const syncCommand: Command = {
  name: 'sync',
  summary: '与总部同步一次 / Sync once with the hub',
  usage: 'jiebang sync --db FILE --hub URL',
  options: { db: { type: 'string' }, hub: { type: 'string' } },
  async run(values, io) {
    const url = hubUrl(values);
    const db = openDatabase(path.resolve(requireString(values, 'db')), { create: false });
    try {
      const peer = getPeer(db);
      if (!peer) throw new CliError(EXIT.failure, '本数据库尚未注册到总部，请先运行 jiebang enrol', 'This database is not enrolled; run jiebang enrol first');
      if (peer.hubUrl !== url) {
        throw new CliError(EXIT.failure, `本数据库注册的总部是 ${peer.hubUrl}，不是 ${url}`, `This database is enrolled with ${peer.hubUrl}, not ${url}`);
      }
      const r = await syncOnce(db).catch(refused);
      io.out(`同步完成 Synced: ${r.rounds} 轮 rounds · 上传 pushed ${r.pushed} · 下载 pulled ${r.pulled} · 发送 sent ${r.bytesSent} B · 接收 received ${r.bytesReceived} B · 待发 pending ${r.pending}`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};
