import { BrowserWindow } from 'electron';
import type { WebPreferences } from 'electron';

export interface MainWindowOptions {
  /** absolute path of the built preload (out/preload/index.cjs) */
  preloadPath: string;
  /** app://jiebang/index.html, or the dev server URL in development */
  url: string;
  isDev: boolean;
  title?: string;
  iconPath?: string;
}

/**
 * The renderer is untrusted web content: isolated from the preload, sandboxed, no Node, no
 * webviews, web security on. The preload is the only bridge (window.jiebang).
 */
export function secureWebPreferences(preloadPath: string, isDev: boolean): WebPreferences {
  return {
    preload: preloadPath,
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
    safeDialogs: true,
    spellcheck: false,
    // Packaged builds ship without devtools; field machines are not debugging stations.
    devTools: isDev,
  };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: options.title ?? '揭榜 Jiebang',
    backgroundColor: '#ffffff',
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath, options.isDev),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.url).catch((error: unknown) => {
    console.error(`[jiebang] could not load ${options.url}:`, error);
  });
  return window;
}
