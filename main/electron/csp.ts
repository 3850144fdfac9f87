import type { Session } from 'electron';

export type CspMode = 'production' | 'development';

/**
 * The production policy. Everything comes from the app's own origin (app://jiebang); no eval,
 * no inline script, no plugins, no framing, no <base>, no form posts.
 *
 * style-src stays 'self' without 'unsafe-inline': React's `style={{…}}` props are applied through
 * the CSSOM (element.style), which CSP does not restrict, and Vite emits CSS as a linked file in
 * production. Only the dev server needs inline styles (Vite injects <style> tags for HMR).
 */
const PRODUCTION_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['media-src', "'self' blob:"],
  ['worker-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['child-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/**
 * Dev server only (never app://): Vite's HMR client injects <style> tags and talks over a
 * websocket, and @vitejs/plugin-react adds an inline React Refresh preamble.
 */
const DEVELOPMENT_OVERRIDES: Readonly<Record<string, string>> = {
  'script-src': "'self' 'unsafe-inline'",
  'style-src': "'self' 'unsafe-inline'",
  'connect-src': "'self' ws://localhost:* ws://127.0.0.1:*",
};

/** Directives a browser ignores (and warns about) when the policy comes from a <meta> tag. */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'sandbox', 'report-uri']);

export interface CspOptions {
  /** drop the header-only directives, for the copy in index.html */
  forMeta?: boolean;
}

export function contentSecurityPolicy(mode: CspMode = 'production', options: CspOptions = {}): string {
  return PRODUCTION_DIRECTIVES.filter(([name]) => !(options.forMeta && HEADER_ONLY_DIRECTIVES.has(name)))
    .map(([name, value]) => `${name} ${mode === 'development' ? (DEVELOPMENT_OVERRIDES[name] ?? value) : value}`)
    .join('; ');
}

/** Headers every app:// response carries. */
export function securityHeaders(mode: CspMode = 'production'): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(mode),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * Adds the CSP header to every response the session receives (the dev server's pages and any
 * request Chromium makes). Headers are matched case-insensitively so a server's own CSP is
 * replaced, not doubled.
 */
export function applyCspToSession(session: Session, mode: CspMode): void {
  const policy = contentSecurityPolicy(mode);
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [policy];
    callback({ responseHeaders });
  });
}
