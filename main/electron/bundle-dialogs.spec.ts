import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
}));
vi.mock('electron', () => electron);

import { openAppStore } from '../store';
import type { AppStore } from '../store';
import { bundleResultText, exportBundleWithDialog, importBundleWithDialog } from './bundle-dialogs';

let dir = '';
let store: AppStore | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  vi.clearAllMocks();
});

function openStore(): AppStore {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiebang-bundle-dialog-'));
  store = openAppStore(path.join(dir, 'app.sqlite'), { seedDemo: false });
  return store;
}

describe('the File menu’s bundle dialogs', () => {
  it('a cancelled save writes nothing and says nothing', async () => {
    const s = openStore();
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await exportBundleWithDialog(null, s, 'zh-CN');
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.jbundle'))).toEqual([]);
  });

  it('a device that is not enrolled gets the reason in an error box, and no file', async () => {
    const s = openStore();
    const out = path.join(dir, 'site.jbundle');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: out });
    await exportBundleWithDialog(null, s, 'zh-CN');
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: '不能导出同步包' }));
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a file that is not a bundle is refused with the reason', async () => {
    const s = openStore();
    const junk = path.join(dir, 'photo.jbundle');
    fs.writeFileSync(junk, 'not a bundle at all');
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [junk] });
    await importBundleWithDialog(null, s, 'en');
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ type: 'error', message: 'Cannot import the sync bundle' }));
  });

  it('says what a bundle carried, in both languages', () => {
    expect(bundleResultText('zh-CN', { exported: { ops: 12, bytes: 3400 }, path: '/media/usb/a.jbundle' }).detail).toContain('12 项更改');
    expect(bundleResultText('en', { imported: { acked: 40, refused: 1, pulled: 7, more: true } }).detail).toMatch(/refused 1, and sent 7 changes\. HQ has more/);
  });
});
