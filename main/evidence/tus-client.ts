import { createHash } from 'node:crypto';
import { leanFetch } from '../sync/http';

/**
 * The few tus 1.0 requests the device needs (core protocol, creation, checksum), over the same lean
 * keep-alive transport as sync. Our own rather than tus-js-client: the upload state lives in the
 * device's SQLite queue (tus-js-client keeps it in its own URL storage), every request and byte is
 * ours to count and to shape for a 64 kbit/s link (no browser headers), the queue decides between
 * chunks whether structured data must go first, and the client stays testable with an injected fetch
 * like the sync client. The protocol part is four requests; the hub side is the well-kept @tus/server.
 */
export interface TusTransport {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class TusError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TusError';
  }
}

const TUS_VERSION = '1.0.0';

async function request(transport: TusTransport, url: string, init: { method: string; token: string; headers?: Record<string, string>; body?: Uint8Array<ArrayBuffer> }): Promise<Response> {
  const res = await (transport.fetch ?? leanFetch)(url, {
    method: init.method,
    headers: { 'Tus-Resumable': TUS_VERSION, Authorization: `Bearer ${init.token}`, ...init.headers },
    body: init.body,
    signal: AbortSignal.timeout(transport.timeoutMs ?? 600_000),
  });
  return res;
}

/** The hub's error code: `CODE: text` from tus hooks, `{error: {code}}` from the hub's own routes. */
async function failure(res: Response, what: string): Promise<TusError> {
  const text = await res.text().catch(() => '');
  let code = /^([A-Z][A-Z0-9_]{2,40}):/.exec(text)?.[1];
  if (!code) {
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
    } catch {
      // not JSON either
    }
  }
  return new TusError(res.status, code ?? `HTTP_${res.status}`, `${what}: ${res.status} ${text.trim().slice(0, 200)}`);
}

const encodeMetadata = (metadata: Record<string, string>) =>
  Object.entries(metadata).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');

/** Creates an upload for `size` bytes; answers its absolute URL. */
export async function tusCreate(transport: TusTransport, hubUrl: string, token: string, size: number, metadata: Record<string, string>): Promise<string> {
  const res = await request(transport, new URL('/v1/uploads', hubUrl).href, {
    method: 'POST',
    token,
    headers: { 'Upload-Length': String(size), 'Upload-Metadata': encodeMetadata(metadata) },
  });
  if (res.status !== 201) throw await failure(res, 'create upload');
  await res.arrayBuffer();
  const location = res.headers.get('location');
  if (!location) throw new TusError(res.status, 'NO_LOCATION', 'the hub created an upload without a Location');
  return new URL(location, hubUrl).href;
}

/** How many bytes of the upload the hub holds, or null when it no longer knows the upload. */
export async function tusOffset(transport: TusTransport, uploadUrl: string, token: string): Promise<number | null> {
  const res = await request(transport, uploadUrl, { method: 'HEAD', token });
  await res.arrayBuffer();
  if (res.status === 404 || res.status === 410) return null;
  const offset = Number(res.headers.get('upload-offset'));
  if (!res.ok || !Number.isSafeInteger(offset)) throw new TusError(res.status, `HTTP_${res.status}`, `upload offset: ${res.status}`);
  return offset;
}

/** Sends one chunk at `offset` with its sha256; answers the new offset. */
export async function tusPatch(transport: TusTransport, uploadUrl: string, token: string, offset: number, chunk: Uint8Array<ArrayBuffer>): Promise<number> {
  const checksum = createHash('sha256').update(chunk).digest('base64');
  const res = await request(transport, uploadUrl, {
    method: 'PATCH',
    token,
    headers: { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset), 'Upload-Checksum': `sha256 ${checksum}` },
    body: chunk,
  });
  if (res.status !== 204) throw await failure(res, 'send chunk');
  await res.arrayBuffer();
  const next = Number(res.headers.get('upload-offset'));
  if (!Number.isSafeInteger(next)) throw new TusError(res.status, 'NO_OFFSET', 'the hub answered a chunk without Upload-Offset');
  return next;
}

/** Which of these blobs the hub already holds: one small request for a whole queue. */
export async function hubHas(transport: TusTransport, hubUrl: string, token: string, sha256: readonly string[]): Promise<Set<string>> {
  if (sha256.length === 0) return new Set();
  const res = await (transport.fetch ?? leanFetch)(new URL('/v1/evidence/have', hubUrl).href, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: new TextEncoder().encode(JSON.stringify({ sha256 })),
    signal: AbortSignal.timeout(transport.timeoutMs ?? 120_000),
  });
  if (!res.ok) throw await failure(res, 'ask the hub');
  return new Set(((await res.json()) as { have: string[] }).have);
}
