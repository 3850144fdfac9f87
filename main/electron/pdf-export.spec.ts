import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  dialog: { showSaveDialog: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
}));
vi.mock('electron', () => electron);

import type { BrowserWindow } from 'electron';
import { PDF_OPTIONS, pdfFileName, savePageAsPdf } from './pdf-export';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  vi.clearAllMocks();
});

function windowWith(printToPDF: () => Promise<Buffer>): BrowserWindow {
  // only the two webContents calls the export makes; Electron itself cannot run on these machines
  return { webContents: { getTitle: () => '军令状 JLZ-KJ2026-04 v2', printToPDF: vi.fn(printToPDF) } } as unknown as BrowserWindow;
}

describe('save page as PDF', () => {
  it('names the file after the page and keeps it safe on every platform', () => {
    const at = new Date('2026-11-24T08:00:00Z');
    expect(pdfFileName('军令状 JLZ-KJ2026-04 v2', at)).toBe('军令状 JLZ-KJ2026-04 v2 2026-11-24.pdf');
    expect(pdfFileName('a/b\\c:d*e?"f<g>h|i', at)).toBe('a b c d e f g h i 2026-11-24.pdf');
    expect(pdfFileName('   ', at)).toBe('jiebang 2026-11-24.pdf');
  });

  it('prints the page on A4 with backgrounds and writes what Chromium made', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiebang-pdf-'));
    dirs.push(dir);
    const out = path.join(dir, 'pledge.pdf');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: out });
    const win = windowWith(async () => Buffer.from('%PDF-1.7 …'));
    expect(await savePageAsPdf(win, 'zh-CN')).toBe(out);
    expect(win.webContents.printToPDF).toHaveBeenCalledWith(PDF_OPTIONS);
    expect(fs.readFileSync(out, 'utf8')).toBe('%PDF-1.7 …');
  });

  it('a cancelled dialog prints nothing; a failure is shown, not swallowed', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    const win = windowWith(async () => Buffer.from('x'));
    expect(await savePageAsPdf(win, 'en')).toBeNull();
    expect(win.webContents.printToPDF).not.toHaveBeenCalled();

    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/nonexistent-dir/x.pdf' });
    const failing = windowWith(async () => {
      throw new Error('printing failed');
    });
    expect(await savePageAsPdf(failing, 'en')).toBeNull();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(failing, expect.objectContaining({ type: 'error', message: 'Cannot save the PDF', detail: 'printing failed' }));
  });
});
