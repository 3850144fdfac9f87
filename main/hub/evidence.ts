import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Server as TusServer } from '@tus/server';
import type { Upload } from '@tus/server';
import { FileStore } from '@tus/file-store';
import type { Db } from '../db/open';
import { BlobStore, SHA256_HEX, hashFile } from '../evidence/blobs';
import type { Device } from './devices';
import { authenticate } from './devices';
import { HubError } from './errors';

/**
 * Evidence at the hub. Uploads speak tus 1.0 (@tus/server with @tus/file-store: creation, resumable
 * PATCH, HEAD for the offset, termination, expiry), plus two things tus leaves open:
 * - Integrity. Each complete PATCH carries `Upload-Checksum: sha256 <base64>` of its body (the tus
 *   checksum extension); a body that does not match is cut off again and answered 460, so a tampered
 *   chunk is refused and re-sent alone. A PATCH cut short by the link keeps what arrived (that is
 *   tus's resume), unverified until the end: before the upload is accepted, the whole file must hash
 *   to the sha256 it was announced under, or it is thrown away.
 * - Authority. Every request carries the device token, as /v1/sync does; an upload is only taken for
 *   a blob an attachment row at the hub names, at the size that row gives (so structured data always
 *   goes first, and a device cannot park arbitrary files at HQ), within per-device limits.
 * Accepted blobs move into the hub's content-addressed store: a blob the hub has is never sent again.
 *
 *   HEAD /v1/evidence/:sha256       200 when the hub holds it (a check that costs no upload)
 *   POST /v1/evidence/have          which of a list of sha256 the hub holds (one round trip for a queue)
 *   GET  /v1/evidence/:sha256       the blob, with Range for resumable downloads
 *   POST|HEAD|PATCH|DELETE /v1/uploads[/:id]   tus
 */
export interface EvidenceHubOptions {
  db: Db;
  dir: string;
  now: () => number;
  /** largest single file accepted (bytes) */
  maxBytes?: number;
  /** bytes a device may have accepted per UTC day */
  dailyBytesPerDevice?: number;
  /** unfinished uploads a device may hold open at once */
  openUploadsPerDevice?: number;
  /** requests per device per minute on the evidence routes (chunks are many, small requests) */
  rateLimitPerMinute?: number;
}

interface RequestContext {
  device: Device;
  checksum: string | null;
  contentLength: number | null;
}

const requestContext = new AsyncLocalStorage<RequestContext>();

/** Thrown inside tus handlers: @tus/server answers with this status and body. */
const tusError = (status_code: number, code: string, en: string) => ({ status_code, body: `${code}: ${en}\n` });

/**
 * @tus/file-store with the checksum extension: a PATCH body that arrived whole must match the
 * sha256 its request announced, or the file is cut back to where the PATCH started.
 */
class VerifyingFileStore extends FileStore {
  /** the upload's file (ids are made by namingFunction and checked by @tus/server: no separators) */
  fileOf(id: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw tusError(404, 'NOT_FOUND', 'no such upload');
    return path.join(this.directory, id);
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const ctx = requestContext.getStore();
    const hash = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    readable.on('error', (err) => tap.destroy(err));
    const newOffset = await super.write(readable.pipe(tap), id, offset);
    const received = newOffset - offset;
    const whole = ctx?.contentLength !== null && ctx?.contentLength !== undefined && received === ctx.contentLength;
    if (whole && hash.digest('base64') !== ctx?.checksum) {
      await fs.promises.truncate(this.fileOf(id), offset);
      throw tusError(460, 'CHECKSUM_MISMATCH', 'the chunk does not match its Upload-Checksum; send it again');
    }
    return newOffset;
  }
}

export function hubBlobStore(dir: string): BlobStore {
  return new BlobStore(dir);
}

function hasBlob(db: Db, store: BlobStore, sha256: string): boolean {
  return db.prepare('SELECT 1 FROM hub_blobs WHERE sha256 = ?').get(sha256) !== undefined && store.has(sha256);
}

/** The size an attachment row gives for this blob (as original or thumbnail), or null when none names it. */
function referencedSize(db: Db, sha256: string): number | null {
  const row = db.prepare('SELECT size FROM attachments WHERE sha256 = ? UNION ALL SELECT thumb_size FROM attachments WHERE thumb_sha256 = ? LIMIT 1').pluck().get(sha256, sha256) as number | null | undefined;
  return row ?? null;
}

export async function mountEvidence(app: FastifyInstance, options: EvidenceHubOptions): Promise<void> {
  const { db, now } = options;
  const store = hubBlobStore(options.dir);
  const uploadsDir = path.join(options.dir, 'uploads');
  fs.mkdirSync(uploadsDir, { recursive: true });
  store.sweepTemp(60 * 60_000);
  const maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  const dailyBytes = options.dailyBytesPerDevice ?? 20 * 1024 * 1024 * 1024;
  const openUploads = options.openUploadsPerDevice ?? 8;
  const datastore = new VerifyingFileStore({ directory: uploadsDir, expirationPeriodInMilliseconds: 30 * 86_400_000 });
  const device = () => {
    const ctx = requestContext.getStore();
    if (!ctx) throw tusError(401, 'NO_TOKEN', 'a device token is required');
    return ctx.device;
  };

  const tus = new TusServer({
    path: '/v1/uploads',
    datastore,
    maxSize: maxBytes,
    // relative: the hub may sit behind a proxy or a link emulator; the client resolves it against the hub URL
    relativeLocation: true,
    // an upload's id names its device: no device can look at or write into another's upload
    namingFunction: () => `${device().id}_${randomBytes(12).toString('hex')}`,
    onIncomingRequest: async (_req, uploadId) => {
      if (uploadId && !uploadId.startsWith(`${device().id}_`)) throw tusError(404, 'NOT_FOUND', 'no such upload');
    },
    onUploadCreate: async (_req, upload: Upload) => {
      const sha256 = upload.metadata?.sha256 ?? '';
      if (!SHA256_HEX.test(sha256)) throw tusError(400, 'BAD_METADATA', 'Upload-Metadata must carry the sha256 of the file');
      if (upload.size === undefined) throw tusError(400, 'LENGTH_REQUIRED', 'the upload length must be given up front');
      if (hasBlob(db, store, sha256)) throw tusError(409, 'ALREADY_STORED', 'the hub already holds this file');
      const size = referencedSize(db, sha256);
      if (size === null) throw tusError(403, 'NOT_REFERENCED', 'no attachment at the hub names this file; sync the records first');
      if (size !== upload.size) throw tusError(400, 'WRONG_SIZE', `the attachment gives ${size} bytes, not ${upload.size}`);
      const own = fs.readdirSync(uploadsDir).filter((f) => f.startsWith(`${device().id}_`) && !f.endsWith('.json')).length;
      if (own >= openUploads) throw tusError(429, 'TOO_MANY_UPLOADS', `at most ${openUploads} unfinished uploads per device`);
      const today = new Date(now()).toISOString().slice(0, 10);
      const used = db.prepare('SELECT coalesce(sum(size), 0) FROM hub_blobs WHERE device_id = ? AND stored_at >= ?').pluck().get(device().id, today) as number;
      if (used + upload.size > dailyBytes) throw tusError(429, 'DAILY_QUOTA', 'the device has used its upload allowance for today');
      return {};
    },
    onUploadFinish: async (_req, upload: Upload) => {
      const sha256 = upload.metadata?.sha256 ?? '';
      const file = datastore.fileOf(upload.id);
      const actual = await hashFile(file);
      if (actual !== sha256) {
        await datastore.remove(upload.id);
        throw tusError(460, 'SHA256_MISMATCH', 'the file does not hash to the announced sha256; it was discarded, upload it again');
      }
      store.commit(file, sha256, upload.size ?? 0);
      db.prepare('INSERT OR IGNORE INTO hub_blobs (sha256, size, device_id, stored_at) VALUES (?, ?, ?, ?)').run(sha256, upload.size ?? 0, device().id, new Date(now()).toISOString());
      await datastore.configstore.delete(upload.id);
      return {};
    },
  });
  await tus.cleanUpExpiredUploads().catch(() => 0);

  const limit = { rateLimit: { max: options.rateLimitPerMinute ?? 3_000, timeWindow: 60_000 } };

  // tus bodies are raw bytes that @tus/server streams to disk itself: fastify must not read them
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));

  const handleTus = async (req: FastifyRequest, reply: FastifyReply) => {
    const dev = authenticate(db, req.headers.authorization);
    const checksum = /^sha256 ([A-Za-z0-9+/=]{44})$/.exec(String(req.headers['upload-checksum'] ?? ''))?.[1] ?? null;
    const contentLength = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    if (req.method === 'PATCH' && (!checksum || contentLength === null || !Number.isSafeInteger(contentLength))) {
      throw new HubError(400, 'CHECKSUM_REQUIRED', '上传数据块必须带 Content-Length 和 sha256 校验值', 'Every PATCH needs Content-Length and Upload-Checksum: sha256 <base64>');
    }
    reply.hijack();
    await requestContext.run({ device: dev, checksum, contentLength }, () => tus.handle(req.raw, reply.raw));
  };
  for (const url of ['/v1/uploads', '/v1/uploads/:id']) {
    app.route({ method: ['POST', 'HEAD', 'PATCH', 'DELETE'], url, config: limit, handler: handleTus });
  }

  const shaParam = (req: FastifyRequest) => {
    const sha256 = (req.params as { sha256?: string }).sha256 ?? '';
    if (!SHA256_HEX.test(sha256)) throw new HubError(400, 'BAD_SHA256', '文件标识无效', 'Not a sha256');
    return sha256;
  };

  app.route({
    method: 'HEAD',
    url: '/v1/evidence/:sha256',
    config: limit,
    handler: async (req, reply) => {
      authenticate(db, req.headers.authorization);
      const sha256 = shaParam(req);
      if (!hasBlob(db, store, sha256)) return reply.code(404).send();
      return reply.code(200).header('Content-Length', fs.statSync(store.pathOf(sha256)).size).send();
    },
  });

  app.post('/v1/evidence/have', { config: limit }, async (req) => {
    authenticate(db, req.headers.authorization);
    const list = (req.body as { sha256?: unknown } | null)?.sha256;
    if (!Array.isArray(list) || list.length > 1000 || !list.every((s) => typeof s === 'string' && SHA256_HEX.test(s))) {
      throw new HubError(400, 'BAD_REQUEST', '需要 sha256 列表（最多 1000 个）', 'Expected { sha256: [...] } with at most 1000 entries');
    }
    return { have: (list as string[]).filter((sha) => hasBlob(db, store, sha)) };
  });

  app.get('/v1/evidence/:sha256', { config: limit, exposeHeadRoute: false }, async (req, reply) => {
    authenticate(db, req.headers.authorization);
    const sha256 = shaParam(req);
    if (!hasBlob(db, store, sha256) || referencedSize(db, sha256) === null) {
      throw new HubError(404, 'NOT_FOUND', '总部没有这个文件', 'The hub does not hold this file');
    }
    const file = store.pathOf(sha256);
    const size = fs.statSync(file).size;
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
    reply.header('Accept-Ranges', 'bytes').header('Content-Type', 'application/octet-stream');
    if (!range) return reply.code(200).header('Content-Length', size).send(fs.createReadStream(file));
    const start = Number(range[1]);
    const end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) return reply.code(416).header('Content-Range', `bytes */${size}`).send();
    return reply
      .code(206)
      .header('Content-Range', `bytes ${start}-${end}/${size}`)
      .header('Content-Length', end - start + 1)
      .send(fs.createReadStream(file, { start, end }));
  });
}
