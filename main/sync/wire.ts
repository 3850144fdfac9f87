import zlib from 'node:zlib';
import { MAX_DECODED_BYTES } from './protocol';

/**
 * Body compression for the sync link. zstd (Node's zlib) when both sides have it, brotli otherwise;
 * measured in bench:sync. Decoding is capped so a small body cannot expand without bound.
 */
export type BodyEncoding = 'zstd' | 'br' | 'identity';

export const hasZstd = typeof zlib.zstdCompressSync === 'function';
export const PREFERRED_ENCODING: BodyEncoding = hasZstd ? 'zstd' : 'br';

export function encodeBody(value: unknown, encoding: BodyEncoding): Buffer {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  switch (encoding) {
    case 'zstd':
      return zlib.zstdCompressSync(json, { params: { [zlib.constants.ZSTD_c_compressionLevel]: 6 } });
    case 'br':
      return zlib.brotliCompressSync(json, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: json.length },
      });
    case 'identity':
      return json;
  }
}

export class BodyError extends Error {}

export function decodeBody(body: Buffer, encoding: string | undefined): unknown {
  let json: Buffer;
  try {
    switch (encoding ?? 'identity') {
      case 'zstd':
        if (!hasZstd) throw new BodyError('zstd is not supported here');
        json = zlib.zstdDecompressSync(body, { maxOutputLength: MAX_DECODED_BYTES });
        break;
      case 'br':
        json = zlib.brotliDecompressSync(body, { maxOutputLength: MAX_DECODED_BYTES });
        break;
      case 'identity':
        json = body;
        break;
      default:
        throw new BodyError(`unsupported content encoding: ${String(encoding).slice(0, 40)}`);
    }
  } catch (err) {
    if (err instanceof BodyError) throw err;
    throw new BodyError(`the body could not be decompressed (${(err as Error).message})`);
  }
  if (json.length > MAX_DECODED_BYTES) throw new BodyError('the decompressed body is too large');
  try {
    return JSON.parse(json.toString('utf8'));
  } catch {
    throw new BodyError('the body is not valid JSON');
  }
}

/** The best encoding both sides understand, from an Accept-Encoding header. */
export function negotiate(acceptEncoding: string | undefined): BodyEncoding {
  const accepted = (acceptEncoding ?? '').split(',').map((s) => s.trim().split(';')[0]);
  if (hasZstd && accepted.includes('zstd')) return 'zstd';
  if (accepted.includes('br')) return 'br';
  return 'identity';
}
