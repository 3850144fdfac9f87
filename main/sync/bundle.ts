import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/open';
import { SCHEMA_VERSION } from '../db/migrations';
import { applyResponse, getPeer, pendingBatch, SyncError } from './client';
import type { SyncResponse, WireOp } from './protocol';
import { PROTOCOL_VERSION } from './protocol';
import { loadReplica } from './replica';
import { decodeBody, encodeBody, PREFERRED_ENCODING } from './wire';

/**
 * Sync bundles: the same round as a sync request, carried on a USB stick when there is no link at
 * all (DESIGN.md §3, L8). The site writes its ops and cursor; HQ imports them and writes the reply;
 * the site imports the reply. Each file is authenticated with the device's key (HMAC-SHA256 keyed
 * with the sha256 of its token, which the hub also holds) and importing one twice equals once.
 *
 * File: `JIEBANG-BUNDLE 1\n` + one JSON header line + the compressed body.
 */
const MAGIC = 'JIEBANG-BUNDLE 1\n';
const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

const headerSchema = z
  .object({
    kind: z.enum(['site-to-hub', 'hub-to-site']),
    deviceId: z.string().min(1).max(64),
    replicaId: z.string().min(1).max(64),
    createdAt: z.string().max(40),
    encoding: z.enum(['zstd', 'br', 'identity']),
    bodyBytes: z.number().int().min(0),
    bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
    hmac: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type BundleHeader = z.infer<typeof headerSchema>;

export interface SiteBundleBody {
  v: typeof PROTOCOL_VERSION;
  schemaVersion: number;
  cursor: number;
  ops: WireOp[];
}

export class BundleError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(`${zh} / ${en}`);
    this.name = 'BundleError';
  }
}

/** The HMAC key both ends can compute: sha256 of the device token (the hub stores exactly that). */
export const bundleKey = (tokenHash: string) => Buffer.from(tokenHash, 'hex');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function mac(key: Buffer, header: Omit<BundleHeader, 'hmac'>, body: Buffer): string {
  return createHmac('sha256', key).update(JSON.stringify(header)).update(body).digest('hex');
}

export function writeBundle(kind: BundleHeader['kind'], ids: { deviceId: string; replicaId: string }, key: Buffer, content: unknown, now = new Date()): Buffer {
  const encoding = PREFERRED_ENCODING;
  const body = encodeBody(content, encoding);
  const header = {
    kind, deviceId: ids.deviceId, replicaId: ids.replicaId, createdAt: now.toISOString(), encoding,
    bodyBytes: body.length, bodySha256: createHash('sha256').update(body).digest('hex'),
  };
  const full: BundleHeader = { ...header, hmac: mac(key, header, body) };
  return Buffer.concat([Buffer.from(MAGIC), Buffer.from(`${JSON.stringify(full)}\n`), body]);
}

/** Splits and checks the outer form; the signature is checked by `openBundle` once the key is known. */
export function readBundleHeader(file: Buffer): { header: BundleHeader; body: Buffer } {
  if (file.length > MAX_BUNDLE_BYTES) throw new BundleError('同步包过大', 'The bundle is too large');
  if (!file.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) {
    throw new BundleError('不是揭榜同步包', 'This is not a Jiebang sync bundle');
  }
  const end = file.indexOf(0x0a, MAGIC.length);
  if (end < 0) throw new BundleError('同步包已截断（缺少包头）', 'The bundle is truncated (no header)');
  let header: BundleHeader;
  try {
    header = headerSchema.parse(JSON.parse(file.subarray(MAGIC.length, end).toString('utf8')));
  } catch {
    throw new BundleError('同步包包头无效', 'The bundle header is not valid');
  }
  const body = file.subarray(end + 1);
  if (body.length !== header.bodyBytes) {
    throw new BundleError(`同步包已截断或被改动（${body.length} / ${header.bodyBytes} 字节）`, `The bundle is truncated or altered (${body.length} of ${header.bodyBytes} bytes)`);
  }
  return { header, body };
}

export function openBundle(header: BundleHeader, body: Buffer, key: Buffer): unknown {
  const { hmac, ...rest } = header;
  const expected = Buffer.from(mac(key, rest, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(hmac, 'hex'))) {
    throw new BundleError('同步包签名不符：文件被改动或不属于该设备', 'The bundle’s signature does not match: it was altered or belongs to another device');
  }
  return decodeBody(body, header.encoding);
}

function requirePeer(db: Db) {
  const peer = getPeer(db);
  if (!peer) throw new SyncError(0, 'NOT_ENROLLED', 'this database is not enrolled with a hub; run `jiebang enrol` first');
  return peer;
}

/** At the site: every unacknowledged own op and the pull cursor, signed. */
export function exportSiteBundle(db: Db, now = new Date()): { file: Buffer; ops: number } {
  const peer = requirePeer(db);
  const replica = loadReplica(db);
  const ops = pendingBatch(db, replica.id, Number.MAX_SAFE_INTEGER);
  const body: SiteBundleBody = { v: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION, cursor: peer.cursor, ops };
  return { file: writeBundle('site-to-hub', { deviceId: peer.deviceId, replicaId: replica.id }, bundleKey(tokenHash(peer.token)), body, now), ops: ops.length };
}

/** At the site: HQ's reply — acknowledgements, refusals and what the site lacks — applied like a sync answer. */
export function importReplyBundle(db: Db, file: Buffer, now = Date.now()): SyncResponse {
  const peer = requirePeer(db);
  const replica = loadReplica(db);
  const { header, body } = readBundleHeader(file);
  if (header.kind !== 'hub-to-site') throw new BundleError('这是现场发往总部的包，应在总部导入', 'This bundle goes from a site to HQ; import it at HQ');
  if (header.deviceId !== peer.deviceId || header.replicaId !== replica.id) {
    throw new BundleError('这个同步包是给另一台设备的', 'This bundle is for another device');
  }
  const res = openBundle(header, body, bundleKey(tokenHash(peer.token))) as SyncResponse;
  applyResponse(db, replica.id, res, now);
  return res;
}
