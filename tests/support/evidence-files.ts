import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { dispatchAsync } from '../../main/contract/dispatch';
import { fileGrants } from '../../main/evidence/grants';
import type { Input, MethodName, Output } from '../../main/contract';
import type { TestStore } from './store';
import { CallError } from './store';

/** Real files for evidence tests: JPEGs with EXIF made by sharp, PDFs of a given size, programs in disguise. */

export interface PhotoOptions {
  width?: number;
  height?: number;
  /** EXIF DateTimeOriginal, e.g. '2026:03:01 10:20:30' */
  takenAt?: string;
  offset?: string;
  gps?: { lat: number; lon: number };
  /** different seeds give different bytes */
  seed?: number;
  quality?: number;
}

const dms = (value: number) => {
  const abs = Math.abs(value);
  const deg = Math.floor(abs);
  const min = Math.floor((abs - deg) * 60);
  const sec = Math.round(((abs - deg) * 60 - min) * 60 * 100);
  return `${deg}/1 ${min}/1 ${sec}/100`;
};

/** A noisy photo (so it does not compress to nothing) with the EXIF a camera writes. */
export async function makePhoto(file: string, o: PhotoOptions = {}): Promise<string> {
  const width = o.width ?? 1200;
  const height = o.height ?? 900;
  const seed = o.seed ?? 1;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (Math.imul(i + seed * 7919, 2654435761) >>> 24) ^ ((i / 3 / width) & 0xff);
  const exif: Record<string, Record<string, string>> = { IFD0: { Make: 'Jiebang', Model: 'Field camera' } };
  if (o.takenAt) exif.IFD2 = { DateTimeOriginal: o.takenAt, ...(o.offset ? { OffsetTimeOriginal: o.offset } : {}) };
  if (o.gps) {
    exif.IFD3 = {
      GPSLatitudeRef: o.gps.lat >= 0 ? 'N' : 'S', GPSLatitude: dms(o.gps.lat),
      GPSLongitudeRef: o.gps.lon >= 0 ? 'E' : 'W', GPSLongitude: dms(o.gps.lon),
    };
  }
  await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: o.quality ?? 85 }).withExif(exif).toFile(file);
  return file;
}

/** A PDF-looking file of exactly `size` bytes (random body: no two are alike). */
export function makePdf(file: string, size: number): string {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  fs.writeFileSync(file, Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]));
  return file;
}

export function writeFile(dir: string, name: string, data: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

/**
 * The one-time grant a file the user picked gets (what the preload's path or the browser bridge's upload
 * turns into): evidence.attach takes its token. The size limit is the attach's to enforce here.
 */
export function grant(file: string, name?: string): string {
  return fileGrants.grantPath(file, { maxBytes: Number.MAX_SAFE_INTEGER, ...(name ? { name } : {}) }).token;
}

/** Calls a contract method that may answer later (evidence.attach reads files). */
export async function callAsync<M extends MethodName>(s: TestStore, actorId: string | null, method: M, input: Input<M>): Promise<Output<M>> {
  s.ctx.actorId = actorId;
  const result = await dispatchAsync(s.ctx, method, input);
  if (!result.ok) throw new CallError(result.error);
  return result.value as Output<M>;
}

export async function attemptAsync<M extends MethodName>(s: TestStore, actorId: string | null, method: M, input: Input<M>) {
  s.ctx.actorId = actorId;
  return dispatchAsync(s.ctx, method, input);
}

/** Every file under a folder (relative paths), to prove nothing was left behind. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}
