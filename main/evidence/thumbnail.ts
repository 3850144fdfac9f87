import sharp from 'sharp';
import { JiebangError } from '../domain/errors';

/**
 * Small previews made on the device (sharp: libvips prebuilt per platform in @img/*, no compile):
 * at most 320 px on the long side, WebP, about 20 KB at most, so a day's photos cost little even
 * on a satellite phone and reach HQ long before the originals.
 */
export const THUMB_EDGE = 320;
export const THUMB_MAX_BYTES = 20 * 1024;

/** Formats this build of libvips decodes: a failure on them means a damaged file, not an unknown one. */
const DECODABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/tiff', 'image/avif']);

export interface Thumbnail {
  data: Buffer;
  /** the original's size, upright (EXIF orientation applied) */
  width: number;
  height: number;
}

/** A thumbnail for an image, null for files without one (HEIC photos, documents); throws on a damaged image. */
export async function makeThumbnail(file: string, mime: string): Promise<Thumbnail | null> {
  if (!mime.startsWith('image/')) return null;
  try {
    // limitInputPixels guards against decompression bombs (a tiny file claiming a gigapixel image)
    const source = () => sharp(file, { failOn: 'warning', limitInputPixels: 200_000_000, animated: false });
    const meta = await source().metadata();
    const width = meta.autoOrient?.width ?? meta.width ?? 0;
    const height = meta.autoOrient?.height ?? meta.height ?? 0;
    let data: Buffer | null = null;
    for (const [edge, quality] of [[THUMB_EDGE, 60], [THUMB_EDGE, 42], [240, 35], [160, 30]] as const) {
      data = await source()
        .rotate()
        .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
        .webp({ quality, effort: 4 })
        .toBuffer();
      if (data.length <= THUMB_MAX_BYTES) break;
    }
    return { data: data!, width, height };
  } catch (err) {
    if (!DECODABLE.has(mime)) return null;
    const why = err instanceof Error ? err.message : String(err);
    throw new JiebangError('VALIDATION', `图片已损坏或不完整，无法作为佐证材料（${why}）`, `The image is damaged or incomplete and cannot be used as evidence (${why})`, { reason: 'damaged' });
  }
}

export interface Preview {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * The viewer's larger image (at most `edge` px on the long side, WebP, upright), made on demand from
 * the original on this device; null when libvips cannot read it (HEIC, a damaged file).
 */
export async function makePreview(file: string, edge: number): Promise<Preview | null> {
  try {
    const { data, info } = await sharp(file, { failOn: 'none', limitInputPixels: 200_000_000, animated: false })
      .rotate()
      .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80, effort: 2 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    return null;
  }
}
