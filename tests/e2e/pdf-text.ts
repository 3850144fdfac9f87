/**
 * The text of a PDF, read with pdfjs-dist's legacy build (the one made for Node): every page's text
 * items joined, for checks like "the printed pledge names its parties". CJK text comes out as
 * Unicode through the fonts' ToUnicode maps that Chromium writes.
 */
export async function pdfText(data: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loading = pdfjs.getDocument({ data: new Uint8Array(data), disableFontFace: true, useSystemFonts: false });
  try {
    const doc = await loading.promise;
    const parts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) parts.push(item.str);
      parts.push('\n');
    }
    return { pages: doc.numPages, text: parts.join('') };
  } finally {
    await loading.destroy();
  }
}

/**
 * CJK fonts draw some ideographs with the same glyph as a radical, and the PDF's text map may name
 * the radical: U+2F00–U+2FD5 (Kangxi radicals, e.g. ⽉ for 月) fold back under NFKC, the CJK radicals
 * supplement (e.g. ⻩ for 黄, ⻓ for 长) does not, so those used as simplified characters are mapped here.
 */
const RADICAL_SUPPLEMENT: Readonly<Record<string, string>> = {
  '⻈': '讠', '⻉': '贝', '⻋': '车', '⻓': '长', '⻔': '门', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞',
  '⻝': '食', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻬': '齐',
  '⻮': '齿', '⻰': '龙', '⻳': '龟', '⻅': '见', '⺠': '民', '⻄': '西', '⺟': '母', '⻆': '角',
};

/**
 * Text for comparing, applied to both sides: NFKC (folds Kangxi radicals and full-width punctuation),
 * the radicals above mapped, and no whitespace (PDF text runs break lines where the layout did).
 */
export const squeeze = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[\u2E80-\u2EFF]/g, (c) => RADICAL_SUPPLEMENT[c] ?? c)
    .replace(/\s+/g, '');
