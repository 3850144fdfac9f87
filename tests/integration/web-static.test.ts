import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../main/electron/csp';
import { openAppStore } from '../../main/store';
import type { AppStore } from '../../main/store';
import type { WebBridge } from '../../main/web/server';
import { startWebBridge } from '../../main/web/server';
import { resolveStaticPath, staticFiles } from '../../main/web/static';
import { tempDbFile, tempDir } from '../support/store';

/** The built renderer served beside the bridge (main/web/serve.ts): what e2e tests and bench:ui load. */
let bridge: WebBridge | undefined;
let opened: AppStore | undefined;
afterEach(async () => {
  await bridge?.close();
  await opened?.close();
  bridge = undefined;
  opened = undefined;
});

async function start() {
  const dir = tempDir();
  const root = path.join(dir, 'static');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>揭榜</title>');
  fs.writeFileSync(path.join(root, 'assets/index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the static folder');
  opened = openAppStore(tempDbFile(), { seedDemo: false });
  bridge = await startWebBridge({ store: opened, fallback: staticFiles(root) });
  return { root, url: bridge.url };
}

function get(url: string, pathname: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    // a raw request, so paths like /../ reach the server unnormalised
    const req = http.request(`${url}/`, { method, path: pathname }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the static renderer server', () => {
  it('serves index.html and assets with the production CSP and the right types', async () => {
    const { url } = await start();
    const index = await get(url, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>揭榜</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(contentSecurityPolicy('production'));
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await get(url, '/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['content-security-policy']).toBe(contentSecurityPolicy('production'));
    const head = await get(url, '/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('never serves a file outside its folder, and only answers GET and HEAD', async () => {
    const { url } = await start();
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/%00', '/%E0%A4%A', '/missing.js', '/assets']) {
      const res = await get(url, p);
      expect(res.status, p).toBe(404);
      expect(res.body).not.toContain('outside');
      expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy('production'));
    }
    const post = await get(url, '/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    // the bridge still answers its own paths
    expect((await get(url, '/api/call/boards.list')).status).toBe(405);
  });

  it('resolves paths inside the root only', () => {
    const root = path.resolve('/srv/app');
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a.js')).toBe(path.join(root, 'assets/a.js'));
    expect(resolveStaticPath(root, '/../etc/passwd')).toBeNull();
    expect(resolveStaticPath(root, '/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStaticPath(root, '/a\\..\\..\\b')).toBeNull();
    expect(resolveStaticPath(root, '/%ZZ')).toBeNull();
  });
});
