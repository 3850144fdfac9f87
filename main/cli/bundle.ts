import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/open';
import { importSiteBundle } from '../hub/bundle';
import { HubError } from '../hub/errors';
import { BundleError, importReplyBundle, readBundleHeader } from '../sync/bundle';
import { exportSiteBundleFile } from '../sync/bundle-files';
import { SyncError } from '../sync/client';
import type { Command } from './command';
import { CliError, EXIT, requireString, usageError } from './command';

/** Sneakernet (no link at all): a site writes a bundle, HQ imports it and writes the reply, the site imports that. */

function failure(err: unknown): never {
  if (err instanceof BundleError) throw new CliError(EXIT.failure, err.zh, err.en);
  if (err instanceof HubError) throw new CliError(EXIT.failure, err.zh, err.en);
  if (err instanceof SyncError) throw new CliError(EXIT.failure, `不能导出：${err.message}`, `Cannot export: ${err.message}`);
  throw err;
}

export const exportBundleCommand: Command = {
  name: 'export-bundle',
  summary: '现场导出同步包（无网络时用U盘带回总部） / Write a sync bundle at a site (for a USB stick)',
  usage: 'jiebang export-bundle --db FILE --out BUNDLE',
  options: { db: { type: 'string' }, out: { type: 'string' } },
  run(values, io) {
    const out = path.resolve(requireString(values, 'out'));
    if (fs.existsSync(out)) throw usageError(`输出文件已存在：${out}`, `The output file already exists: ${out}`);
    const db = openDatabase(path.resolve(requireString(values, 'db')), { create: false });
    try {
      const { ops, bytes } = exportSiteBundleFile(db, out);
      io.out(`已导出同步包 Bundle written: ${out} · 操作 ops ${ops} · ${bytes} B`);
      return EXIT.ok;
    } catch (err) {
      return failure(err);
    } finally {
      db.close();
    }
  },
};

export const importBundleCommand: Command = {
  name: 'import-bundle',
  summary: '导入同步包：总部导入现场包并写回复包，现场导入回复包 / Import a bundle (HQ: a site’s, writing the reply; site: HQ’s reply)',
  usage: 'jiebang import-bundle --db FILE --in BUNDLE [--reply OUT]',
  details: ['在总部导入现场包时必须给出 --reply，回复包带回现场再导入。 / At HQ, --reply names the file to carry back to the site.'],
  options: { db: { type: 'string' }, in: { type: 'string' }, reply: { type: 'string' } },
  run(values, io) {
    const input = path.resolve(requireString(values, 'in'));
    if (!fs.existsSync(input)) throw new CliError(EXIT.failure, `找不到同步包：${input}`, `Bundle not found: ${input}`);
    const file = fs.readFileSync(input);
    const kind = (() => {
      try {
        return readBundleHeader(file).header.kind;
      } catch (err) {
        return failure(err);
      }
    })();
    const replyPath = typeof values.reply === 'string' ? path.resolve(values.reply) : null;
    if (kind === 'site-to-hub' && !replyPath) throw usageError('在总部导入现场包需要 --reply 输出回复包', 'Importing a site bundle at HQ needs --reply for the reply bundle');
    if (replyPath && fs.existsSync(replyPath)) throw usageError(`回复包文件已存在：${replyPath}`, `The reply file already exists: ${replyPath}`);
    const db = openDatabase(path.resolve(requireString(values, 'db')), { create: false });
    try {
      if (kind === 'site-to-hub') {
        const { reply, response, device } = importSiteBundle(db, file);
        fs.writeFileSync(replyPath as string, reply, { flag: 'wx' });
        io.out(`已导入 Imported from device ${device.label || device.id}: 确认至 acked through ${response.acked} · 拒绝 refused ${response.refused.length}`);
        io.out(`回复包 Reply bundle: ${replyPath} · 带回现场的操作 ops for the site ${response.ops.length}${response.more ? '（还有更多，下次继续 / more next time）' : ''}`);
      } else {
        const response = importReplyBundle(db, file);
        io.out(`已导入总部回复 Reply imported: 确认至 acked through ${response.acked} · 拒绝 refused ${response.refused.length} · 收到 pulled ${response.ops.length}`);
      }
      return EXIT.ok;
    } catch (err) {
      return failure(err);
    } finally {
      db.close();
    }
  },
};
