import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppStore } from '../store';
import { EVENT_TYPES } from '../contract/result';
import type { EventPayloads, EventType } from '../contract/result';

/**
 * The browser bridge: the same contract as the Electron preload, over HTTP on loopback, so the
 * real renderer runs in a real browser against the real services and database (dev and e2e tests).
 *   POST /api/call/<method>   JSON payload → the contract's Result
 *   POST /api/files           a picked or dropped file's bytes → a one-time grant for evidence.attach
 *   GET  /api/events          server-sent events (data-changed, sync-status)
 * Anything else goes to `fallback` (static files or the Vite dev server), or 404.
 */
export interface WebBridgeOptions {
  store: AppStore;
  /** serves non-API requests; when absent they are 404 */
  fallback?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  maxBodyBytes?: number;
}

export interface WebBridge {
  server: http.Server;
  url: string;
  /** pushes an event to every connected browser */
  broadcast<T extends EventType>(type: T, payload: EventPayloads[T]): void;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function refuse(res: http.ServerResponse, status: number, zh: string, en: string): void {
  sendJson(res, status, { ok: false, error: { code: status === 403 ? 'BAD_SENDER' : 'VALIDATION', message: zh, messageEn: en } });
}

/** Only pages served by this bridge may call it: the Host must be loopback and any Origin must be that host. */
function trustedRequest(req: http.IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  const sep = host.lastIndexOf(':');
  const hostname = sep > 0 ? host.slice(0, sep) : host;
  if (!LOOPBACK_HOSTS.has(hostname)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const o = new URL(origin);
    return LOOPBACK_HOSTS.has(o.hostname.includes(':') ? `[${o.hostname}]` : o.hostname) && (o.port === String(port) || o.host === host);
  } catch {
    return false;
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startWebBridge(options: WebBridgeOptions, port = 0, host = '127.0.0.1'): Promise<WebBridge> {
  const limit = options.maxBodyBytes ?? 1_000_000;
  const streams = new Set<http.ServerResponse>();
  let boundPort = port;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '内部错误', messageEn: String(err) } });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');
    if (!url.pathname.startsWith('/api/')) {
      if (options.fallback) options.fallback(req, res);
      else sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: '未找到', messageEn: 'Not found' } });
      return;
    }
    if (!trustedRequest(req, boundPort)) return refuse(res, 403, '只接受本机页面的请求', 'Only pages served from this machine may call the bridge');
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname === '/api/files') {
      if (req.method !== 'POST') return refuse(res, 405, '只接受 POST', 'POST only');
      return receiveFile(req, res);
    }
    const call = /^\/api\/call\/([A-Za-z]+\.[A-Za-z]+)$/.exec(url.pathname);
    if (!call) return refuse(res, 404, '未知的接口', 'Unknown endpoint');
    if (req.method !== 'POST') return refuse(res, 405, '只接受 POST', 'POST only');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, '请求必须是 JSON', 'The request body must be JSON');
    }
    const body = await readBody(req, limit);
    if (body === null) return refuse(res, 413, '请求过大', 'The request body is too large');
    let payload: unknown;
    try {
      payload = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return refuse(res, 400, '请求不是合法的 JSON', 'The request body is not valid JSON');
    }
    // a refused call is still a well-formed answer: the Result carries the error
    sendJson(res, 200, await options.store.dispatch(call[1], payload));
  }

  /**
   * A File the person picked or dropped in the browser: the body is its bytes (application/octet-stream,
   * so no cross-site form can send one), its name in X-File-Name (URI-encoded). The bytes stream to a
   * temp file in the evidence folder with the evidence size limit, and the answer is the same one-time
   * grant the Electron preload gets — evidence.attach never takes a path from a page.
   */
  async function receiveFile(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if ((req.headers['content-type'] ?? '').split(';')[0]!.trim() !== 'application/octet-stream') {
      req.resume();
      return refuse(res, 415, '文件必须以 application/octet-stream 上传', 'Upload the file as application/octet-stream');
    }
    let name: string;
    try {
      name = decodeURIComponent(String(req.headers['x-file-name'] ?? ''));
    } catch {
      name = '';
    }
    if (!name.trim() || name.length > 1000) {
      req.resume();
      return refuse(res, 400, '缺少文件名（X-File-Name）', 'The file name (X-File-Name) is missing');
    }
    const result = await options.store.receiveFile(req, name);
    // a refusal mid-body (too large): say so, and do not wait for the rest of a large body
    if (!result.ok && !req.complete) res.setHeader('Connection', 'close');
    sendJson(res, 200, result);
  }

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  boundPort = (server.address() as AddressInfo).port;

  const broadcast = <T extends EventType>(type: T, payload: EventPayloads[T]): void => {
    if (!EVENT_TYPES.includes(type)) return;
    const frame = `event: ${type}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  };
  const unsubscribe = [
    options.store.onDataChanged((event) => broadcast('data-changed', event)),
    options.store.onSyncStatus((status) => broadcast('sync-status', status)),
  ];

  return {
    server,
    url: `http://${host}:${boundPort}`,
    broadcast,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stop of unsubscribe) stop();
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
