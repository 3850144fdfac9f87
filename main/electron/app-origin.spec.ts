import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppOriginUrl, isDevServerUrl, isOwnRendererUrl } from './app-origin';

describe('app origin', () => {
  it('is app://jiebang, entered at /index.html', () => {
    expect(APP_ORIGIN).toBe('app://jiebang');
    expect(APP_ENTRY_URL).toBe('app://jiebang/index.html');
  });

  it.each(['app://jiebang/', 'app://jiebang/index.html', 'app://jiebang/boards/1?x=1#y'])('accepts %s', (url) => {
    expect(isAppOriginUrl(url)).toBe(true);
  });

  it.each([
    'app://jiebang.evil/',
    'app://evil/jiebang/',
    'app://jiebang:80/',
    'app://a@jiebang/',
    'apps://jiebang/',
    'https://jiebang/',
    'file:///jiebang/index.html',
    'jiebang',
    '',
  ])('refuses %s', (url) => {
    expect(isAppOriginUrl(url)).toBe(false);
  });

  it('accepts the dev server origin only when one is configured', () => {
    expect(isDevServerUrl('http://localhost:5173/boards', 'http://localhost:5173/')).toBe(true);
    expect(isDevServerUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isDevServerUrl('http://user@localhost:5173/', 'http://localhost:5173/')).toBe(false);
    expect(isDevServerUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isOwnRendererUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isOwnRendererUrl('app://jiebang/', undefined)).toBe(true);
  });
});
