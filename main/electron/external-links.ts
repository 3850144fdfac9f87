import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { shell } from 'electron';

export interface ExternalLinkOptions {
  /**
   * Internationalised (non-ASCII / punycode) hosts that are known to be genuine, in their ASCII
   * form (e.g. "xn--fiqs8s.example"). Every other such host is refused as a possible lookalike.
   */
  allowedUnicodeHosts?: readonly string[];
}

export type ExternalLinkCheck = { ok: true; href: string } | { ok: false; reason: string };

const MAX_URL_LENGTH = 2048;

const refuse = (reason: string): ExternalLinkCheck => ({ ok: false, reason });

/**
 * Decides whether a URL may be handed to the operating system. Only https: web pages and
 * mailto: addresses pass; everything that could run code, read local files, reach another app
 * through a custom scheme, or mislead the reader about where it goes is refused.
 */
export function checkExternalUrl(value: unknown, options: ExternalLinkOptions = {}): ExternalLinkCheck {
  if (typeof value !== 'string') return refuse('not a string');
  if (value.length === 0 || value.length > MAX_URL_LENGTH) return refuse('empty or too long');
  // The parser strips tabs/newlines and leading spaces silently; such a URL is not what it looks like.
  // \p{Cf} catches zero-width and bidi-override characters that make text read differently.
  if (/[\s\\]|\p{Cf}/u.test(value) || hasControlCharacter(value)) {
    return refuse('whitespace, backslash, invisible or control character in the URL text');
  }

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse('malformed URL');
  }

  const allowedUnicodeHosts = new Set((options.allowedUnicodeHosts ?? []).map((host) => host.toLowerCase()));

  if (url.protocol === 'https:') {
    if (url.username || url.password) return refuse('credentials in URL (user@host trick)');
    const host = url.hostname;
    if (!host || !host.includes('.')) return refuse('host is not a domain name');
    if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return refuse('IP address host');
    // Non-ASCII in the written host (even when it maps to plain ASCII, like "。" → ".") or a
    // punycode label: a possible lookalike, unless the host is explicitly allowed.
    const writtenHost = /^https:\/\/([^/?#]*)/i.exec(value)?.[1] ?? '';
    if ((isPunycode(host) || hasNonAscii(writtenHost)) && !allowedUnicodeHosts.has(host)) {
      return refuse('internationalised (lookalike) host');
    }
    return { ok: true, href: url.href };
  }

  if (url.protocol === 'mailto:') {
    // Header injection and multiple recipients hide what is sent: a single plain address only.
    if (/%0a|%0d|%00/i.test(url.href)) return refuse('encoded line break in mailto');
    const address = decodeSafely(url.pathname);
    if (address === null) return refuse('malformed percent-encoding');
    const match = /^[^@\s,;]+@([^@\s,;]+\.[^@\s,;]+)$/.exec(address);
    if (!match) return refuse('not a single email address');
    const domain = domainToASCII(match[1] ?? '');
    if (!domain) return refuse('invalid mail domain');
    if ((hasNonAscii(address) || isPunycode(domain)) && !allowedUnicodeHosts.has(domain)) {
      return refuse('internationalised (lookalike) mail domain');
    }
    return { ok: true, href: url.href };
  }

  return refuse(`scheme ${url.protocol} not allowed`);
}

/**
 * The ONE way the app opens anything outside itself. Resolves true when the URL passed the
 * check and the operating system accepted it.
 */
export async function openExternalSafely(value: unknown, options: ExternalLinkOptions = {}): Promise<boolean> {
  const check = checkExternalUrl(value, options);
  if (!check.ok) {
    console.warn(`[jiebang] refused to open external link: ${check.reason}`);
    return false;
  }
  try {
    await shell.openExternal(check.href, { activate: true });
    return true;
  } catch {
    return false;
  }
}

function isPunycode(host: string): boolean {
  return host.split('.').some((label) => label.toLowerCase().startsWith('xn--'));
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

function hasNonAscii(text: string): boolean {
  for (const char of text) {
    if ((char.codePointAt(0) ?? 0) > 0x7e) return true;
  }
  return false;
}

function decodeSafely(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
