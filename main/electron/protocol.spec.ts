import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}));
vi.mock('electron', () => electron);

import { contentSecurityPolicy } from './csp';
import {
  createAppProtocolHandler,
  registerAppSchemeAsPrivileged,
  resolveAppPath,
  serveRendererOverAppProtocol,
} from './protocol';

const ROOT = path.resolve('/srv/jiebang/out/renderer');

function isInsideRoot(filePath: string): boolean {
  const relative = path.relative(ROOT, filePath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

describe('resolveAppPath (pure)', () => {
  it.each([
    ['app://jiebang/', 'index.html'],
    ['app://jiebang/index.html', 'index.html'],
    ['app://jiebang/assets/index-Bx1c9.js', 'assets/index-Bx1c9.js'],
    ['app://jiebang/assets/index-Bx1c9.css?v=1#top', 'assets/index-Bx1c9.css'],
    ['app://jiebang/icons/icon.png', 'icons/icon.png'],
  ])('serves %s from %s', (url, relative) => {
    expect(resolveAppPath(url, ROOT)).toEqual({ ok: true, filePath: path.join(ROOT, relative), spaFallback: false });
  });

  it.each(['app://jiebang/boards', 'app://jiebang/boards/42', 'app://jiebang/boards/42/', 'app://jiebang/搜索/揭榜'])(
    'falls back to index.html for the extension-less SPA route %s',
    (url) => {
      expect(resolveAppPath(url, ROOT)).toEqual({ ok: true, filePath: path.join(ROOT, 'index.html'), spaFallback: true });
    },
  );

  it('does not fall back to index.html for a path with an extension', () => {
    const resolution = resolveAppPath('app://jiebang/assets/missing.js', ROOT);
    expect(resolution).toEqual({ ok: true, filePath: path.join(ROOT, 'assets/missing.js'), spaFallback: false });
  });

  it.each([
    // encoded dots and separators, in every case and double-encoded
    'app://jiebang/%2e%2e/%2e%2e/etc/passwd',
    'app://jiebang/%2E%2E/secret.json',
    'app://jiebang/.%2e/secret.json',
    'app://jiebang/%2e./secret.json',
    'app://jiebang/..%2fsecret.json',
    'app://jiebang/..%2Fsecret.json',
    'app://jiebang/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://jiebang/%252e%252e/secret.json',
    'app://jiebang/%25%32%65%25%32%65/secret.json',
    // backslashes, raw and encoded
    'app://jiebang/..\\secret.json',
    'app://jiebang/assets\\..\\..\\secret.json',
    'app://jiebang/%5c..%5csecret.json',
    'app://jiebang/..%5C..%5Cwindows%5Cwin.ini',
    // absolute paths
    'app://jiebang//etc/passwd',
    'app://jiebang///etc/passwd',
    'app://jiebang/C:/Windows/win.ini',
    'app://jiebang/C:%5CWindows%5Cwin.ini',
    'app://jiebang/assets/index.js:stream.js',
    // NUL and control characters
    'app://jiebang/index.html%00.png',
    'app://jiebang/%00',
    'app://jiebang/assets/a%0a.js',
    'app://jiebang/assets/a%7f.js',
    // hidden files and malformed escapes
    'app://jiebang/.env',
    'app://jiebang/.git/config.json',
    'app://jiebang/assets/.vite/manifest.json',
    'app://jiebang/%E0%A4%A.js',
    // wrong host, port, credentials, scheme, not a URL
    'app://evil/index.html',
    'app://jiebang.evil/index.html',
    'app://jiebang:8080/index.html',
    'app://user@jiebang/index.html',
    'app://user:pw@jiebang/index.html',
    'file:///etc/passwd',
    'https://jiebang/index.html',
    'not a url',
    '',
    // real files the build never ships
    'app://jiebang/jiebang.sqlite',
    'app://jiebang/config.yml',
    'app://jiebang/main.exe',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(url, ROOT).ok).toBe(false);
  });

  it.each(['app://jiebang/../../../../etc/passwd.json', 'app://jiebang/assets/../../secret.json', 'app://jiebang/./a/../b.js'])(
    'keeps a plain dot-dot URL (normalised by the URL parser) inside the root: %s',
    (url) => {
      const resolution = resolveAppPath(url, ROOT);
      if (resolution.ok) expect(isInsideRoot(resolution.filePath)).toBe(true);
    },
  );

  it('never resolves outside the root, whatever the path is made of (property)', () => {
    const fragment = fc.constantFrom(
      '..', '.', '%2e', '%2E', '%2f', '%2F', '%5c', '\\', '/', '//', '%00', '%25', 'C:', ':', 'assets', 'index.html',
      'a.js', '%c0%ae', '%e2%80%ae', '~', 'etc', 'passwd', '%', '?', '#', '；', '．',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), (parts) => {
        const resolution = resolveAppPath(`app://jiebang/${parts.join('')}`, ROOT);
        return !resolution.ok || isInsideRoot(resolution.filePath);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('app:// request handler (real files in a temp dir)', () => {
  let base: string;
  let root: string;
  let handle: ReturnType<typeof createAppProtocolHandler>;
  const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'jiebang-protocol-'));
    root = path.join(base, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    mkdirSync(path.join(root, 'folder.js'));
    // a sibling whose name starts with the root's name: a naive startsWith check would let it through
    mkdirSync(path.join(base, 'renderer-secrets'));
    writeFileSync(path.join(base, 'renderer-secrets', 'secret.js'), 'stolen()');
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>揭榜</title>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
    writeFileSync(path.join(root, 'assets', 'icon.svg'), '<svg/>');
    writeFileSync(path.join(root, 'assets', 'font.woff2'), 'w');
    symlinkSync(path.join(base, 'renderer-secrets', 'secret.js'), path.join(root, 'assets', 'link.js'));
    handle = createAppProtocolHandler(root);
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('serves index.html with the CSP, nosniff and the right MIME type', async () => {
    const response = await get('app://jiebang/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy('production'));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('揭榜');
  });

  it.each([
    ['app://jiebang/assets/app.js', 'text/javascript; charset=utf-8'],
    ['app://jiebang/assets/app.css', 'text/css; charset=utf-8'],
    ['app://jiebang/assets/icon.svg', 'image/svg+xml'],
    ['app://jiebang/assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (url, mime) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(mime);
  });

  it('answers an extension-less route with index.html (SPA fallback)', async () => {
    const response = await get('app://jiebang/boards/42');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>揭榜</title>');
  });

  it.each(['app://jiebang/assets/missing.js', 'app://jiebang/folder.js', 'app://jiebang/nothing.png'])(
    'answers 404 for %s (no fallback for files)',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy('production'));
    },
  );

  it('refuses a symlink that leads out of the root', async () => {
    expect((await get('app://jiebang/assets/link.js')).status).toBe(403);
  });

  // The Request constructor already folds "%2e%2e" away (→ 404 inside the root); the handler refuses the rest.
  it.each([
    'app://jiebang/%2e%2e/renderer-secrets/secret.js',
    'app://jiebang/..%2frenderer-secrets%2fsecret.js',
    'app://jiebang/..%5crenderer-secrets%5csecret.js',
  ])(
    'never serves the sibling directory through %s',
    async (url) => {
      const response = await get(url);
      expect([403, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('stolen');
    },
  );

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'])('answers %s with 405 and Allow: GET', async (method) => {
    const response = await get('app://jiebang/index.html', method);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});

describe('scheme registration', () => {
  it('registers app:// as standard and secure, without bypassing CSP or enabling CORS', () => {
    registerAppSchemeAsPrivileged();
    const [schemes] = electron.protocol.registerSchemesAsPrivileged.mock.calls[0] ?? [];
    expect(schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the renderer root on the app scheme', () => {
    serveRendererOverAppProtocol('/srv/jiebang/out/renderer');
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
