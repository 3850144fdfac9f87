import path from 'node:path';
import { openDatabase } from '../db/open';
import { startHub } from '../hub';
import { createEnrolment, listDevices, revokeDevice } from '../hub/devices';
import { HubError } from '../hub/errors';
import type { Command, OptionValues } from './command';
import { CliError, EXIT, requireString, usageError } from './command';

function port(values: OptionValues): number {
  const raw = (values.port as string | undefined) ?? '8787';
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) throw usageError(`端口无效：${raw}`, `Invalid port: ${raw}`);
  return n;
}

/** `jiebang hub --db hub.sqlite --port 8787`: the HQ hub, until SIGINT/SIGTERM (graceful: loses nothing). */
export const hubCommand: Command = {
  name: 'hub',
  summary: '启动总部同步节点 / Run the HQ sync hub',
  usage: 'jiebang hub --db FILE [--port 8787] [--host 127.0.0.1]',
  details: [
    '--host 0.0.0.0 对外提供服务（默认只在本机）。 / --host 0.0.0.0 to serve other machines (default: this machine only).',
    '设备注册：jiebang hub enrol --db FILE --person ID / Enrol a device: jiebang hub enrol --db FILE --person ID',
  ],
  options: { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
  async run(values, io) {
    const dbFile = path.resolve(requireString(values, 'db'));
    const hub = await startHub({ dbFile, port: port(values), host: (values.host as string | undefined) ?? '127.0.0.1', logger: true });
    io.err(`揭榜总部同步节点已启动 / Jiebang hub listening: ${hub.url}  (${dbFile})`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        io.err('正在停止：等待进行中的同步完成 / Stopping: letting in-flight syncs finish');
        void hub.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};

function withHubDb<T>(values: OptionValues, fn: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(path.resolve(requireString(values, 'db')), { create: false });
  try {
    return fn(db);
  } catch (err) {
    if (err instanceof HubError) throw new CliError(EXIT.failure, err.zh, err.en);
    throw err;
  } finally {
    db.close();
  }
}

/** A person by id, or by name when the name is unique. */
function findPerson(db: ReturnType<typeof openDatabase>, idOrName: string): { id: string; name: string } {
  const byId = db.prepare('SELECT id, name FROM people WHERE id = ?').get(idOrName) as { id: string; name: string } | undefined;
  if (byId) return byId;
  const byName = db.prepare('SELECT id, name FROM people WHERE name = ?').all(idOrName) as { id: string; name: string }[];
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new CliError(EXIT.failure, `有 ${byName.length} 人同名「${idOrName}」，请用编号：${byName.map((p) => p.id).join('、')}`, `${byName.length} people are named ${idOrName}; use an id: ${byName.map((p) => p.id).join(', ')}`);
  }
  throw new CliError(EXIT.failure, `找不到人员：${idOrName}`, `No person with id or name ${idOrName}`);
}

/** `jiebang hub enrol --db hub.sqlite --person ID|NAME`: a one-time code for a device of that person. */
export const hubEnrolCommand: Command = {
  name: 'hub enrol',
  summary: '为某人的设备生成一次性注册码 / Make a one-time enrolment code for a person’s device',
  usage: 'jiebang hub enrol --db FILE --person ID|NAME [--label TEXT]',
  options: { db: { type: 'string' }, person: { type: 'string' }, label: { type: 'string' } },
  run(values, io) {
    return withHubDb(values, (db) => {
      const { id: personId, name } = findPerson(db, requireString(values, 'person'));
      const { code, expiresAt } = createEnrolment(db, { personId, label: (values.label as string | undefined) ?? '' });
      io.out(`注册码 Enrolment code: ${code}`);
      io.out(`人员 Person: ${name} (${personId})   有效期至 Valid until: ${expiresAt}`);
      io.out(`设备上运行 On the device: jiebang enrol --db FILE --hub URL --code ${code}`);
      return EXIT.ok;
    });
  },
};

export const hubDevicesCommand: Command = {
  name: 'hub devices',
  summary: '列出已注册设备 / List enrolled devices',
  usage: 'jiebang hub devices --db FILE',
  options: { db: { type: 'string' } },
  run(values, io) {
    return withHubDb(values, (db) => {
      for (const d of listDevices(db) as Record<string, string | null>[]) {
        io.out(`${d.id}  ${d.label || '-'}  person=${d.personId}  ${d.revokedAt ? `已吊销 revoked ${d.revokedAt}` : `最近同步 last seen ${d.lastSeenAt ?? '-'}`}`);
      }
      return EXIT.ok;
    });
  },
};

export const hubRevokeCommand: Command = {
  name: 'hub revoke',
  summary: '吊销设备令牌 / Revoke a device token',
  usage: 'jiebang hub revoke --db FILE --device DEVICE_ID',
  options: { db: { type: 'string' }, device: { type: 'string' } },
  run(values, io) {
    return withHubDb(values, (db) => {
      const id = requireString(values, 'device');
      if (!revokeDevice(db, id)) throw new CliError(EXIT.failure, `没有可吊销的设备：${id}`, `No active device ${id}`);
      io.out(`已吊销 Revoked: ${id}`);
      return EXIT.ok;
    });
  },
};
