import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  shell: { openExternal: vi.fn((_url: string, _options?: unknown) => Promise.resolve()) },
}));
vi.mock('electron', () => electron);

import { checkExternalUrl, openExternalSafely } from './external-links';

beforeEach(() => {
  electron.shell.openExternal.mockClear();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('checkExternalUrl accepts ordinary links', () => {
  it.each([
    ['https://www.gov.cn/', 'https://www.gov.cn/'],
    ['https://hq.example.com/boards?id=1#top', 'https://hq.example.com/boards?id=1#top'],
    ['HTTPS://Example.COM/Path', 'https://example.com/Path'],
    ['https://example.com:8443/x', 'https://example.com:8443/x'],
    ['https://baike.example.cn/item/揭榜挂帅', 'https://baike.example.cn/item/%E6%8F%AD%E6%A6%9C%E6%8C%82%E5%B8%85'],
    ['mailto:hq@example.com', 'mailto:hq@example.com'],
    ['mailto:hq@example.com?subject=%E8%BF%9B%E5%B1%95', 'mailto:hq@example.com?subject=%E8%BF%9B%E5%B1%95'],
  ])('%s → %s', (url, href) => {
    expect(checkExternalUrl(url)).toEqual({ ok: true, href });
  });
});

describe('checkExternalUrl refuses misleading or dangerous links', () => {
  it.each([
    // code and local files
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'javascript://example.com/%0aalert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'blob:https://example.com/uuid',
    'file:///etc/passwd',
    'file://server/share/evil.exe',
    // plain http and other apps' schemes
    'http://example.com/',
    'ftp://example.com/file',
    'ms-settings:privacy',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=evil',
    'smb://attacker/share',
    'jiebang://open',
    'app://jiebang/index.html',
    'weixin://dl/business',
    // credentials: the host is what follows the @
    'https://hq.example.com@evil.example',
    'https://hq.example.com:443@evil.example/',
    'https://user:password@example.com/',
    'https://hq.example.com%40evil.example@evil.example',
    // lookalike and internationalised hosts
    'https://xn--80ak6aa92e.com/',
    'https://аpple.com/',
    'https://hq.example.com。evil.com/',
    'https://例子.中国/',
    'https://hq.example.com∕evil.com/',
    // invisible or rewriting characters
    'https://example.com/\u202Egpj.exe',
    'https://exa\u200Bmple.com/',
    ' https://example.com/',
    'https://example.com/ x',
    'https://example.com/\nx',
    'https://example.com\t/',
    'https://good.example\\@evil.example/',
    'https:\\\\evil.example',
    // hosts that are not domain names
    'https://127.0.0.1/',
    'https://0x7f.0.0.1/',
    'https://2130706433/',
    'https://[::1]/',
    'https://localhost/',
    // malformed
    'https://',
    'https://exa mple.com',
    'not a url',
    '',
    '//example.com/',
    `https://example.com/${'a'.repeat(3000)}`,
    // mailto tricks
    'mailto:hq@example.com%0ABcc:all@example.com',
    'mailto:hq@example.com%0d%0abcc:all@example.com',
    'mailto:a@example.com,b@evil.example',
    'mailto:nobody',
    'mailto:hq@xn--80ak6aa92e.com',
  ])('%s', (url) => {
    expect(checkExternalUrl(url).ok).toBe(false);
  });

  it.each([undefined, null, 42, {}, ['https://example.com']])('refuses a non-string (%j)', (value) => {
    expect(checkExternalUrl(value).ok).toBe(false);
  });

  it('accepts an internationalised host only when it is explicitly allowed', () => {
    const allowed = { allowedUnicodeHosts: ['xn--fsqu00a.xn--fiqs8s'] };
    expect(checkExternalUrl('https://例子.中国/', allowed)).toEqual({ ok: true, href: 'https://xn--fsqu00a.xn--fiqs8s/' });
    expect(checkExternalUrl('mailto:hq@例子.中国', allowed).ok).toBe(true);
    expect(checkExternalUrl('https://аpple.com/', allowed).ok).toBe(false);
  });
});

describe('openExternalSafely', () => {
  it('hands a safe link, normalised, to the OS and reports true', async () => {
    await expect(openExternalSafely('HTTPS://Example.com/a')).resolves.toBe(true);
    expect(electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/a', { activate: true });
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'https://hq.example.com@evil.example'])(
    'never calls the OS for %s and reports false',
    async (url) => {
      await expect(openExternalSafely(url)).resolves.toBe(false);
      expect(electron.shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('reports false when the OS refuses', async () => {
    electron.shell.openExternal.mockRejectedValueOnce(new Error('no handler'));
    await expect(openExternalSafely('https://example.com/')).resolves.toBe(false);
  });
});
