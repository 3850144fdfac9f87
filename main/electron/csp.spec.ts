import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OnHeadersReceivedListenerDetails, HeadersReceivedResponse, Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';

// csp.ts imports only types from 'electron'; the mock makes sure nothing real could load.
vi.mock('electron', () => ({}));

import { applyCspToSession, contentSecurityPolicy, securityHeaders } from './csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('production CSP', () => {
  const policy = directives(contentSecurityPolicy('production'));

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['connect-src', ["'self'"]],
  ])('sets %s to %j', (name, values) => {
    expect(policy.get(name)).toEqual(values);
  });

  it('allows no eval, no inline code, no wildcard, no data: scripts and no remote origin anywhere', () => {
    const text = contentSecurityPolicy('production');
    expect(text).not.toMatch(/unsafe-eval|unsafe-inline|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
    for (const values of policy.values()) {
      expect(values).not.toContain('*');
      expect(values.filter((value) => /^(https?|wss?):/.test(value))).toEqual([]);
    }
    expect(policy.get('script-src')).not.toContain('data:');
    expect(policy.get('script-src')).not.toContain('blob:');
  });
});

describe('development CSP (dev server only)', () => {
  const dev = directives(contentSecurityPolicy('development'));

  it('still forbids eval, plugins, framing, <base> and form posts', () => {
    expect(contentSecurityPolicy('development')).not.toContain('unsafe-eval');
    expect(dev.get('object-src')).toEqual(["'none'"]);
    expect(dev.get('frame-ancestors')).toEqual(["'none'"]);
    expect(dev.get('base-uri')).toEqual(["'none'"]);
    expect(dev.get('form-action')).toEqual(["'none'"]);
  });

  it('loosens only what Vite HMR and React Refresh need', () => {
    const production = directives(contentSecurityPolicy('production'));
    const changed = [...dev.keys()].filter((name) => dev.get(name)?.join(' ') !== production.get(name)?.join(' '));
    expect(changed.sort()).toEqual(['connect-src', 'script-src', 'style-src']);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*']);
  });
});

describe('meta copy in renderer/index.html', () => {
  it('drops frame-ancestors, which browsers ignore in a meta tag', () => {
    expect(directives(contentSecurityPolicy('production', { forMeta: true })).has('frame-ancestors')).toBe(false);
  });

  it('is exactly the production policy for meta tags', () => {
    const html = readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy('production', { forMeta: true }));
  });
});

describe('security headers', () => {
  it('pairs the CSP with nosniff, no-referrer and same-origin opener', () => {
    expect(securityHeaders()).toEqual({
      'Content-Security-Policy': contentSecurityPolicy('production'),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
  });
});

describe('applyCspToSession', () => {
  type Listener = (details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void;

  function install(mode: 'production' | 'development'): Listener {
    let installed: Listener | undefined;
    const session = {
      webRequest: { onHeadersReceived: vi.fn((listener: Listener) => (installed = listener)) },
    } as unknown as Session;
    applyCspToSession(session, mode);
    if (!installed) throw new Error('no listener installed');
    return installed;
  }

  it("replaces a response's own CSP (any header case) and keeps the other headers", () => {
    const listener = install('development');
    const callback = vi.fn();
    listener(
      {
        responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] },
      } as unknown as OnHeadersReceivedListenerDetails,
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [contentSecurityPolicy('development')],
      },
    });
  });

  it('adds the CSP when the response has no headers at all', () => {
    const listener = install('production');
    const callback = vi.fn();
    listener({} as OnHeadersReceivedListenerDetails, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy('production')] },
    });
  });
});
