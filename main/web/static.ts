import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { securityHeaders } from '../electron/csp';

/**
 * Serves a built renderer (out/renderer) the way the app:// protocol does: GET and HEAD only, files
 * inside the folder only, and every response with the production security headers (the same CSP
 * Electron enforces), so a browser pointed at it refuses what the app would refuse.
 */
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

function answer(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...securityHeaders('production'), 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The file `urlPath` names inside `root`, or null when it names nothing there (or tries to leave it). */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

export function staticFiles(root: string): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const base = path.resolve(root);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return answer(res, 405, 'Method not allowed');
    }
    const url = new URL(req.url ?? '/', 'http://static.invalid');
    const file = resolveStaticPath(base, url.pathname);
    if (file === null) return answer(res, 404, 'Not found');
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) return answer(res, 404, 'Not found');
      const ext = path.extname(file).toLowerCase();
      res.writeHead(200, {
        ...securityHeaders('production'),
        'Content-Type': TYPES[ext] ?? 'application/octet-stream',
        'Content-Length': stat.size,
        // hashed assets never change; index.html must be read again after a rebuild
        'Cache-Control': file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      if (req.method === 'HEAD') return res.end();
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    });
  };
}
