import type { BrowserWindowConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  class FakeBrowserWindow {
    static instances: FakeBrowserWindow[] = [];
    static loadError: Error | null = null;
    readonly onceListeners = new Map<string, () => void>();
    readonly show = vi.fn();
    readonly loadURL = vi.fn((_url: string) =>
      FakeBrowserWindow.loadError ? Promise.reject(FakeBrowserWindow.loadError) : Promise.resolve(),
    );
    constructor(readonly options: BrowserWindowConstructorOptions) {
      FakeBrowserWindow.instances.push(this);
    }
    once(name: string, listener: () => void) {
      this.onceListeners.set(name, listener);
      return this;
    }
  }
  return { BrowserWindow: FakeBrowserWindow };
});
vi.mock('electron', () => electron);

import { createMainWindow, secureWebPreferences } from './window';

const options = { preloadPath: '/app/out/preload/index.cjs', url: 'app://jiebang/index.html', isDev: false };

function lastWindow() {
  const window = electron.BrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window created');
  return window;
}

beforeEach(() => {
  electron.BrowserWindow.instances.length = 0;
});

describe('createMainWindow', () => {
  it('isolates and sandboxes the renderer, with web security on and no Node', () => {
    createMainWindow(options);
    expect(lastWindow().options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('sets no preference that weakens the sandbox', () => {
    const preferences = secureWebPreferences('/p.cjs', true) as Record<string, unknown>;
    for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'disableHtmlFullscreenWindowResize']) {
      expect(preferences).not.toHaveProperty(risky);
    }
  });

  it('ships devtools only in development', () => {
    expect(secureWebPreferences('/p.cjs', false).devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(true);
  });

  it('stays hidden until ready-to-show, then shows', () => {
    createMainWindow(options);
    const window = lastWindow();
    expect(window.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.onceListeners.get('ready-to-show')?.();
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('loads the given URL', () => {
    createMainWindow({ ...options, url: 'http://localhost:5173/', isDev: true });
    expect(lastWindow().loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('logs instead of crashing when the page cannot load', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    electron.BrowserWindow.loadError = new Error('ERR_FILE_NOT_FOUND');
    try {
      createMainWindow(options);
      await vi.waitFor(() => expect(error).toHaveBeenCalled());
    } finally {
      electron.BrowserWindow.loadError = null;
    }
  });
});
