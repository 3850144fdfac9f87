import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataChangedEvent } from './contract/result';

type Listener = (...args: unknown[]) => unknown;

/** A minimal, explicit Electron: only what main/index.ts and main/electron/* touch at startup. */
const electron = vi.hoisted(() => {
  const appListeners = new Map<string, Listener>();
  const powerListeners = new Map<string, Listener>();
  let resolveReady: () => void = () => undefined;

  class FakeWebContents {
    static nextId = 1;
    readonly id = FakeWebContents.nextId++;
    readonly send = vi.fn();
    readonly isDestroyed = vi.fn(() => false);
  }

  class FakeBrowserWindow {
    static windows: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.windows;
    readonly webContents = new FakeWebContents();
    readonly listeners = new Map<string, Listener>();
    readonly loadURL = vi.fn((_url: string) => Promise.resolve());
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    minimized = false;
    constructor(readonly options: { webPreferences: { preload: string } }) {
      FakeBrowserWindow.windows.push(this);
    }
    isMinimized() {
      return this.minimized;
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
  }

  return {
    appListeners,
    powerListeners,
    ready: () => resolveReady(),
    reset() {
      appListeners.clear();
      FakeBrowserWindow.windows = [];
      const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
      this.module.app.whenReady = vi.fn(() => readyPromise);
    },
    module: {
      app: {
        isPackaged: true,
        requestSingleInstanceLock: vi.fn(() => true),
        quit: vi.fn(),
        enableSandbox: vi.fn(),
        on: vi.fn((name: string, listener: Listener) => appListeners.set(name, listener)),
        whenReady: vi.fn(() => Promise.resolve()),
        isReady: vi.fn(() => true),
        getPath: vi.fn((_name: string) => '/home/field/.config/jiebang'),
        getVersion: vi.fn(() => '0.1.0'),
      },
      BrowserWindow: FakeBrowserWindow,
      dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })) },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
          setDevicePermissionHandler: vi.fn(),
          webRequest: { onHeadersReceived: vi.fn() },
        },
      },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
      shell: { openExternal: vi.fn(() => Promise.resolve()) },
      net: { isOnline: vi.fn(() => true) },
      powerMonitor: { on: vi.fn((name: string, listener: Listener) => powerListeners.set(name, listener)) },
    },
  };
});
vi.mock('electron', () => electron.module);

const store = vi.hoisted(() => {
  const changeListeners: Array<(event: unknown) => void> = [];
  const statusListeners: Array<(event: unknown) => void> = [];
  const fake = {
    dispatch: vi.fn((_method: unknown, _payload: unknown) => ({ ok: true, value: [] })),
    onDataChanged: vi.fn((listener: (event: unknown) => void) => {
      changeListeners.push(listener);
      return () => undefined;
    }),
    onSyncStatus: vi.fn((listener: (event: unknown) => void) => {
      statusListeners.push(listener);
      return () => undefined;
    }),
    networkRestored: vi.fn(),
    grantFile: vi.fn((_file: string) => ({ ok: true, value: { token: 'T'.repeat(32), name: 'IMG_0001.jpg', size: 4, expiresAt: '2026-11-24T02:15:00.000Z' } })),
    close: vi.fn(() => Promise.resolve()),
    seededDemo: true,
  };
  return { fake, changeListeners, statusListeners, openAppStore: vi.fn((_file: string): unknown => fake) };
});
vi.mock('./store', () => ({ openAppStore: store.openAppStore }));

const { app, BrowserWindow, protocol, ipcMain, dialog } = electron.module;
const originalPlatform = process.platform;

async function startMain(options: { env?: Record<string, string>; ready?: boolean } = {}) {
  vi.resetModules();
  electron.reset();
  store.changeListeners.length = 0;
  store.statusListeners.length = 0;
  for (const [name, value] of Object.entries(options.env ?? {})) vi.stubEnv(name, value);
  await import('./index');
  if (options.ready !== false) {
    electron.ready();
    await vi.waitFor(() => expect(BrowserWindow.windows.length + dialog.showErrorBox.mock.calls.length).toBeGreaterThan(0));
  }
}

function theWindow() {
  const window = BrowserWindow.windows[0];
  if (!window) throw new Error('no window');
  return window;
}

beforeEach(() => {
  app.isPackaged = true;
  app.requestSingleInstanceLock.mockReturnValue(true);
  store.openAppStore.mockImplementation(() => store.fake);
});

afterEach(() => {
  vi.unstubAllEnvs();
  Object.defineProperty(process, 'platform', { value: originalPlatform });
});

describe('main/index.ts lifecycle', () => {
  it('quits at once, touching nothing, when another instance holds the lock', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    await startMain({ ready: false });
    expect(app.quit).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(store.openAppStore).not.toHaveBeenCalled();
  });

  it('sandboxes every renderer and registers app:// before ready', async () => {
    await startMain({ ready: false });
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
    expect(store.openAppStore).not.toHaveBeenCalled();
    expect(BrowserWindow.windows).toHaveLength(0);
  });

  it('on ready opens the store in userData, wires IPC and app://, and loads app://jiebang/index.html', async () => {
    await startMain();
    expect(store.openAppStore).toHaveBeenCalledWith(path.join('/home/field/.config/jiebang', 'jiebang.sqlite'));
    expect(ipcMain.handle).toHaveBeenCalledWith('jiebang:call', expect.any(Function));
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.module.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(theWindow().loadURL).toHaveBeenCalledWith('app://jiebang/index.html');
    expect(theWindow().options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('loads the dev server only when unpackaged', async () => {
    app.isPackaged = false;
    await startMain({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    expect(theWindow().loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    await startMain({ env: { ELECTRON_RENDERER_URL: 'http://evil.example/' } });
    expect(theWindow().loadURL).toHaveBeenCalledWith('app://jiebang/index.html');
  });

  it("routes the window's own calls to the store's dispatch", async () => {
    await startMain();
    const handler = ipcMain.handle.mock.calls[0]?.[1] as Listener;
    const event = { sender: theWindow().webContents, senderFrame: { url: 'app://jiebang/index.html', parent: null } };
    await expect(handler(event, 'boards.list', {})).resolves.toEqual({ ok: true, value: [] });
    expect(store.fake.dispatch).toHaveBeenCalledWith('boards.list', {});

    const foreign = { sender: { id: -1 }, senderFrame: { url: 'app://jiebang/index.html', parent: null } };
    await expect(handler(foreign, 'boards.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } });
    expect(store.fake.dispatch).toHaveBeenCalledOnce();
  });

  it("routes the window's picked files to the store's one-time grants, on their own channel", async () => {
    await startMain();
    const grantCall = ipcMain.handle.mock.calls.find((c) => c[0] === 'jiebang:grant-file');
    expect(grantCall).toBeDefined();
    const handler = grantCall?.[1] as Listener;
    const event = { sender: theWindow().webContents, senderFrame: { url: 'app://jiebang/index.html', parent: null } };
    await expect(handler(event, '/home/field/照片/IMG_0001.jpg')).resolves.toMatchObject({ ok: true, value: { name: 'IMG_0001.jpg' } });
    expect(store.fake.grantFile).toHaveBeenCalledExactlyOnceWith('/home/field/照片/IMG_0001.jpg');
    const foreign = { sender: { id: -1 }, senderFrame: { url: 'app://jiebang/index.html', parent: null } };
    await expect(handler(foreign, '/home/field/.ssh/id_rsa')).resolves.toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } });
    expect(store.fake.grantFile).toHaveBeenCalledOnce();
  });

  it('forwards data changes and sync status to the window', async () => {
    await startMain();
    const change: DataChangedEvent = { method: 'boards.publish', entities: ['boards'] };
    store.changeListeners[0]?.(change);
    const status = { link: 'offline', pendingOps: 7, lastSyncAt: null, lastError: 'link down', nextAttemptAt: null };
    store.statusListeners[0]?.(status);
    expect(theWindow().webContents.send.mock.calls).toEqual([
      ['jiebang:event', 'data-changed', change],
      ['jiebang:event', 'sync-status', status],
    ]);
  });

  it('focuses (and restores) the window when a second instance starts', async () => {
    await startMain();
    theWindow().minimized = true;
    electron.appListeners.get('second-instance')?.();
    expect(theWindow().restore).toHaveBeenCalled();
    expect(theWindow().focus).toHaveBeenCalled();
  });

  it('quits when all windows close, except on macOS', async () => {
    await startMain();
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    electron.appListeners.get('window-all-closed')?.();
    expect(app.quit).not.toHaveBeenCalled();
    Object.defineProperty(process, 'platform', { value: 'linux' });
    electron.appListeners.get('window-all-closed')?.();
    expect(app.quit).toHaveBeenCalledOnce();
  });

  it('on quit, waits for the store to close (a sync round may be finishing), then quits', async () => {
    await startMain();
    const event = { preventDefault: vi.fn() };
    electron.appListeners.get('will-quit')?.(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(store.fake.close).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    // the second will-quit (from that quit) goes through
    const again = { preventDefault: vi.fn() };
    electron.appListeners.get('will-quit')?.(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(store.fake.close).toHaveBeenCalledOnce();
  });

  it('tells the store when the machine wakes, so sync retries at once', async () => {
    await startMain();
    electron.powerListeners.get('resume')?.();
    expect(store.fake.networkRestored).toHaveBeenCalledOnce();
  });

  it('shows an error and quits, opening no window, when the database cannot be opened', async () => {
    store.openAppStore.mockImplementation(() => {
      throw new Error('数据库版本比本程序新 / database is newer than this app');
    });
    await startMain();
    expect(dialog.showErrorBox).toHaveBeenCalled();
    expect(app.quit).toHaveBeenCalled();
    expect(BrowserWindow.windows).toHaveLength(0);
  });
});
