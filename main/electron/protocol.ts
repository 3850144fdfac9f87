import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { securityHeaders } from './csp';

/** Only these file types are ever served; anything else is a 404 even if it exists. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export type AppPathResolution =
  | { ok: true; filePath: string; spaFallback: boolean }
  | { ok: false; status: 400 | 403 | 404; reason: string };

const refuse = (status: 400 | 403 | 404, reason: string): AppPathResolution => ({ ok: false, status, reason });

/**
 * Maps an app:// URL to a file under `root`, or refuses it. Pure (no file system access) so every
 * traversal trick can be tested without Electron. Defence in depth: Chromium already normalises
 * standard-scheme URLs, but this never trusts that.
 */
export function resolveAppPath(requestUrl: string, root: string): AppPathResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400, 'malformed URL');
  }
  if (url.protocol !== `${APP_SCHEME}:`) return refuse(400, 'wrong scheme');
  if (url.hostname !== APP_HOST || url.port || url.username || url.password) return refuse(404, 'unknown host');

  // Read the path from the raw string too: the URL parser silently resolves "%2e%2e" and "\".
  const rawPath = rawPathOf(requestUrl);
  if (rawPath === null) return refuse(400, 'malformed URL');
  if (/\\|%5c|%2f|%2e|%00|%25/i.test(rawPath) || rawPath.includes('\0')) {
    return refuse(403, 'encoded separator, dot, NUL or percent in path');
  }

  const rawSegments = url.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const [index, rawSegment] of rawSegments.entries()) {
    const isLast = index === rawSegments.length - 1;
    if (rawSegment === '' && isLast) break; // trailing slash: a directory-like SPA route
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return refuse(400, 'malformed percent-encoding');
    }
    if (segment === '') return refuse(403, 'empty path segment (absolute path)');
    if (segment === '.' || segment === '..') return refuse(403, 'dot segment');
    if (segment.startsWith('.')) return refuse(403, 'hidden file');
    // ':' guards Windows drive letters and NTFS alternate data streams.
    if (/[\\/:\0]/.test(segment) || hasControlCharacter(segment)) return refuse(403, 'forbidden character in path');
    segments.push(segment);
  }

  const last = segments.at(-1);
  const isSpaRoute = last === undefined || path.extname(last) === '';
  const relativeParts = isSpaRoute ? ['index.html'] : segments;

  const resolvedRoot = path.resolve(root);
  const filePath = path.resolve(resolvedRoot, ...relativeParts);
  if (!isInside(resolvedRoot, filePath)) return refuse(403, 'outside the renderer root');

  if (!isSpaRoute && !(path.extname(filePath).toLowerCase() in MIME_TYPES)) {
    return refuse(404, 'file type not served');
  }
  return { ok: true, filePath, spaFallback: isSpaRoute && last !== undefined };
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The path part of the URL exactly as written (before any normalisation), or null. */
function rawPathOf(requestUrl: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*([^?#]*)/i.exec(requestUrl);
  return match ? (match[1] ?? '') : null;
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function textResponse(status: number, statusText: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(statusText, {
    status,
    statusText,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders },
  });
}

const STATUS_TEXT = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' } as const;

/**
 * The app:// request handler: GET only, resolved through resolveAppPath, symlinks that lead out
 * of the root refused, every response with the CSP and nosniff headers.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET') return textResponse(405, 'Method Not Allowed', { Allow: 'GET' });

    const resolution = resolveAppPath(request.url, root);
    if (!resolution.ok) return textResponse(resolution.status, STATUS_TEXT[resolution.status]);

    try {
      // A symlink inside the build could point anywhere: compare real paths as well.
      const [realRoot, realFile] = await Promise.all([realpath(root), realpath(resolution.filePath)]);
      if (!isInside(realRoot, realFile)) return textResponse(403, STATUS_TEXT[403]);
      if (!(await stat(realFile)).isFile()) return textResponse(404, STATUS_TEXT[404]);
      const body = await readFile(realFile);
      return new Response(body, {
        status: 200,
        headers: { ...securityHeaders(), 'Content-Type': mimeTypeFor(realFile), 'Cache-Control': 'no-cache' },
      });
    } catch {
      return textResponse(404, STATUS_TEXT[404]);
    }
  };
}

/**
 * Must run before app 'ready'. standard: relative URLs and 'self' work like https;
 * secure: treated as a secure context. No bypassCSP, no CORS, no service workers.
 */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves `rendererRoot` (out/renderer) on app://jiebang/. Call after app 'ready'. */
export function serveRendererOverAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
}
