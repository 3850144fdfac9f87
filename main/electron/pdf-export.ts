import fs from 'node:fs/promises';
import { dialog } from 'electron';
import type { BrowserWindow, PrintToPDFOptions } from 'electron';
import type { MenuLanguage } from './menu';

/**
 * File > Save page as PDF: the current page through its print CSS (a signed 军令状 prints as the
 * formal document), on A4, as Chromium's print-to-PDF makes it. The browser tests make the same PDF.
 */
export const PDF_OPTIONS: PrintToPDFOptions = { pageSize: 'A4', printBackground: true };

/** Pure: a file name from the page title, safe on every platform. */
export function pdfFileName(title: string, now = new Date()): string {
  const printable = [...title].map((ch) => (ch.charCodeAt(0) < 32 ? ' ' : ch)).join('');
  const clean = printable.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'jiebang';
  return `${clean} ${now.toISOString().slice(0, 10)}.pdf`;
}

export async function savePageAsPdf(window: BrowserWindow | null, lang: MenuLanguage): Promise<string | null> {
  if (!window) return null;
  const zh = lang === 'zh-CN';
  const choice = await dialog.showSaveDialog(window, {
    title: zh ? '导出为 PDF' : 'Save as PDF',
    defaultPath: pdfFileName(window.webContents.getTitle()),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return null;
  try {
    const pdf = await window.webContents.printToPDF(PDF_OPTIONS);
    await fs.writeFile(choice.filePath, pdf);
    return choice.filePath;
  } catch (err) {
    await dialog.showMessageBox(window, {
      type: 'error',
      message: zh ? '不能导出 PDF' : 'Cannot save the PDF',
      detail: err instanceof Error ? err.message : String(err),
    });
    return null;
  }
}
