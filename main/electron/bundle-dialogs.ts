import { dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import type { AppStore } from '../store';
import type { ExportedBundle, ImportedReply } from '../sync/bundle-files';
import type { MenuLanguage } from './menu';

/** File > sync bundles: the file dialogs around the store's bundle export and import. */

const zh = (lang: MenuLanguage) => lang === 'zh-CN';

/** Pure: what the result box says. */
export function bundleResultText(lang: MenuLanguage, result: { exported: ExportedBundle; path: string } | { imported: ImportedReply }): { message: string; detail: string } {
  if ('exported' in result) {
    const { ops, bytes } = result.exported;
    return zh(lang)
      ? { message: '同步包已导出', detail: `${result.path}\n${ops} 项更改，${bytes} 字节。请带到总部导入，再把总部的回复包带回本机导入。` }
      : { message: 'Sync bundle written', detail: `${result.path}\n${ops} changes, ${bytes} bytes. Take it to HQ for import, then bring HQ's reply bundle back and import it here.` };
  }
  const { acked, refused, pulled, more } = result.imported;
  return zh(lang)
    ? { message: '总部回复包已导入', detail: `总部确认至第 ${acked} 项，退回 ${refused} 项，带来 ${pulled} 项更改。${more ? '总部还有更多更改，下次的回复包会继续带来。' : ''}` }
    : { message: 'HQ reply bundle imported', detail: `HQ confirmed through change ${acked}, refused ${refused}, and sent ${pulled} changes.${more ? ' HQ has more; the next reply bundle brings them.' : ''}` };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function show(window: BrowserWindow | null, options: Electron.MessageBoxOptions): Promise<void> {
  await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}

export async function exportBundleWithDialog(window: BrowserWindow | null, store: AppStore, lang: MenuLanguage): Promise<void> {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const options = {
    title: zh(lang) ? '导出同步包' : 'Export sync bundle',
    defaultPath: `jiebang-${stamp}.jbundle`,
    filters: [{ name: zh(lang) ? '揭榜同步包' : 'Jiebang sync bundle', extensions: ['jbundle'] }],
  };
  const choice = await (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options));
  if (choice.canceled || !choice.filePath) return;
  try {
    const exported = store.exportBundle(choice.filePath);
    await show(window, { type: 'info', ...bundleResultText(lang, { exported, path: choice.filePath }) });
  } catch (err) {
    await show(window, { type: 'error', message: zh(lang) ? '不能导出同步包' : 'Cannot export the sync bundle', detail: errorText(err) });
  }
}

export async function importBundleWithDialog(window: BrowserWindow | null, store: AppStore, lang: MenuLanguage): Promise<void> {
  const options = {
    title: zh(lang) ? '导入总部回复包' : 'Import HQ reply bundle',
    properties: ['openFile' as const],
    filters: [{ name: zh(lang) ? '揭榜同步包' : 'Jiebang sync bundle', extensions: ['jbundle'] }],
  };
  const choice = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
  const file = choice.filePaths[0];
  if (choice.canceled || !file) return;
  try {
    const imported = store.importReplyBundle(file);
    await show(window, { type: 'info', ...bundleResultText(lang, { imported }) });
  } catch (err) {
    await show(window, { type: 'error', message: zh(lang) ? '不能导入同步包' : 'Cannot import the sync bundle', detail: errorText(err) });
  }
}
