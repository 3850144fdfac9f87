import type { App, Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  shell: { openExternal: vi.fn((_url: string, _options?: unknown) => Promise.resolve()) },
}));
vi.mock('electron', () => electron);

import {
  denyAllPermissions,
  guardAllWebContents,
  guardWebContents,
  handleWillNavigate,
  handleWillRedirect,
  handleWindowOpen,
} from './navigation';

const packaged = { devServerUrl: undefined };
const dev = { devServerUrl: 'http://localhost:5173/' };

function navigationEvent(url: string, extra: Record<string, unknown> = {}) {
  return { url, preventDefault: vi.fn(), ...extra };
}

beforeEach(() => {
  electron.shell.openExternal.mockClear();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('will-navigate', () => {
  it.each(['app://jiebang/index.html', 'app://jiebang/boards/42'])('lets the app navigate within its origin: %s', (url) => {
    const event = navigationEvent(url);
    handleWillNavigate(event, url, packaged);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('allows the dev server only in development', () => {
    const allowed = navigationEvent('http://localhost:5173/boards');
    handleWillNavigate(allowed, allowed.url, dev);
    expect(allowed.preventDefault).not.toHaveBeenCalled();

    const refused = navigationEvent('http://localhost:5173/boards');
    handleWillNavigate(refused, refused.url, packaged);
    expect(refused.preventDefault).toHaveBeenCalled();
  });

  it('keeps an https link out of the window and sends it to the system browser', () => {
    const event = navigationEvent('https://www.gov.cn/');
    handleWillNavigate(event, event.url, packaged);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.gov.cn/', { activate: true });
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'http://evil.example/',
    'app://evil/index.html',
    'app://jiebang.evil/index.html',
    'app://user@jiebang/index.html',
    'https://hq.example.com@evil.example/',
    'http://localhost:5174/',
  ])('blocks %s and opens nothing', (url) => {
    const event = navigationEvent(url);
    handleWillNavigate(event, url, dev);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('will-redirect', () => {
  it('never follows a redirect out of the app and never opens it externally', () => {
    const event = navigationEvent('https://example.com/');
    handleWillRedirect(event, event.url, packaged);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('allows a redirect within the app origin', () => {
    const event = navigationEvent('app://jiebang/index.html');
    handleWillRedirect(event, event.url, packaged);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });
});

describe('window.open', () => {
  it.each(['https://example.com/', 'app://jiebang/index.html', 'about:blank', 'file:///etc/passwd', 'javascript:1'])(
    'denies a new window for %s',
    (url) => {
      expect(handleWindowOpen({ url })).toEqual({ action: 'deny' });
    },
  );

  it('routes https and mailto links to the external-link helper, nothing else', () => {
    handleWindowOpen({ url: 'https://example.com/a' });
    handleWindowOpen({ url: 'mailto:hq@example.com' });
    handleWindowOpen({ url: 'file:///etc/passwd' });
    handleWindowOpen({ url: 'app://jiebang/index.html' });
    expect(electron.shell.openExternal.mock.calls.map(([url]) => url)).toEqual([
      'https://example.com/a',
      'mailto:hq@example.com',
    ]);
  });
});

describe('guardWebContents', () => {
  type Listener = (event: ReturnType<typeof navigationEvent>) => void;

  function fakeContents() {
    const listeners = new Map<string, Listener>();
    const contents = {
      on: vi.fn((name: string, listener: Listener) => listeners.set(name, listener)),
      setWindowOpenHandler: vi.fn(),
    };
    const emit = (name: string, event: ReturnType<typeof navigationEvent>) => listeners.get(name)?.(event);
    return { contents, emit, asWebContents: contents as unknown as WebContents };
  }

  it('installs navigation, redirect, webview and window.open guards', () => {
    const { contents, asWebContents } = fakeContents();
    guardWebContents(asWebContents, packaged);
    expect(contents.on.mock.calls.map(([name]) => name).sort()).toEqual([
      'will-attach-webview',
      'will-frame-navigate',
      'will-navigate',
      'will-redirect',
    ]);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledWith(handleWindowOpen);
  });

  it('prevents every <webview> from attaching', () => {
    const { emit, asWebContents } = fakeContents();
    guardWebContents(asWebContents, packaged);
    const event = navigationEvent('');
    emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('blocks a foreign will-navigate through the installed listener', () => {
    const { emit, asWebContents } = fakeContents();
    guardWebContents(asWebContents, packaged);
    const event = navigationEvent('https://evil.example/');
    emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('blocks sub-frame navigations and lets the main frame through to will-navigate', () => {
    const { emit, asWebContents } = fakeContents();
    guardWebContents(asWebContents, packaged);
    const subFrame = navigationEvent('app://jiebang/index.html', { isMainFrame: false });
    const mainFrame = navigationEvent('app://jiebang/index.html', { isMainFrame: true });
    emit('will-frame-navigate', subFrame);
    emit('will-frame-navigate', mainFrame);
    expect(subFrame.preventDefault).toHaveBeenCalled();
    expect(mainFrame.preventDefault).not.toHaveBeenCalled();
  });

  it('guards every WebContents the app creates', () => {
    let created: ((event: unknown, contents: WebContents) => void) | undefined;
    const app = { on: vi.fn((_name: string, listener: typeof created) => (created = listener)) };
    guardAllWebContents(app as unknown as App, packaged);
    expect(app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));

    const { contents, asWebContents } = fakeContents();
    created?.({}, asWebContents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });
});

describe('denyAllPermissions', () => {
  function fakeSession() {
    const handlers: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check?: (...args: unknown[]) => boolean;
      device?: (...args: unknown[]) => boolean;
    } = {};
    const session = {
      setPermissionRequestHandler: vi.fn((handler: typeof handlers.request) => (handlers.request = handler)),
      setPermissionCheckHandler: vi.fn((handler: typeof handlers.check) => (handlers.check = handler)),
      setDevicePermissionHandler: vi.fn((handler: typeof handlers.device) => (handlers.device = handler)),
    };
    return { handlers, session: session as unknown as Session };
  }

  const permissions = [
    'media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write',
    'fullscreen', 'pointerLock', 'hid', 'serial', 'usb', 'midiSysex', 'display-capture', 'fileSystem', 'unknown',
  ];

  it.each(permissions)('denies the %s permission request', (permission) => {
    const { handlers, session } = fakeSession();
    denyAllPermissions(session);
    const callback = vi.fn();
    handlers.request?.({}, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it.each(permissions)('answers false to the %s permission check', (permission) => {
    const { handlers, session } = fakeSession();
    denyAllPermissions(session);
    expect(handlers.check?.({}, permission, 'app://jiebang', {})).toBe(false);
  });

  it('denies device access (USB, HID, serial)', () => {
    const { handlers, session } = fakeSession();
    denyAllPermissions(session);
    expect(handlers.device?.({ deviceType: 'usb', origin: 'app://jiebang' })).toBe(false);
  });
});
