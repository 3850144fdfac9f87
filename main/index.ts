/**
 * Electron entry: app lifecycle only. Every policy lives in main/electron/, every rule in the
 * services behind the store's dispatch.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, net, powerMonitor, session } from 'electron';
import { openAppStore } from './store';
import type { AppStore } from './store';
import { APP_ENTRY_URL } from './electron/app-origin';
import { exportBundleWithDialog, importBundleWithDialog } from './electron/bundle-dialogs';
import { applyCspToSession } from './electron/csp';
import { savePageAsPdf } from './electron/pdf-export';
import { broadcast, registerCallHandler, registerFileGrantHandler } from './electron/ipc';
import { aboutDetails, DEFAULT_MENU_LANGUAGE, installApplicationMenu } from './electron/menu';
import type { MenuLanguage } from './electron/menu';
import { denyAllPermissions, guardAllWebContents } from './electron/navigation';
import { registerAppSchemeAsPrivileged, serveRendererOverAppProtocol } from './electron/protocol';
import { createMainWindow } from './electron/window';

// Only an unpackaged build may point the window at a dev server: a packaged app ignores the env var.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const isDev = devServerUrl !== undefined;

const outDir = path.join(import.meta.dirname, '..');
const rendererRoot = path.join(outDir, 'renderer');
const preloadPath = path.join(outDir, 'preload', 'index.cjs');

let mainWindow: BrowserWindow | null = null;
let store: AppStore | null = null;
let menuLanguage: MenuLanguage = DEFAULT_MENU_LANGUAGE;

function openWindow(): BrowserWindow {
  const window = createMainWindow({ preloadPath, url: devServerUrl ?? APP_ENTRY_URL, isDev });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
  return window;
}

function focusWindow(): void {
  if (!mainWindow) {
    if (app.isReady()) openWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/** Sync retries at once when the network comes back or the machine wakes, instead of waiting out its backoff. */
function watchNetwork(onRestored: () => void): void {
  let online = net.isOnline();
  setInterval(() => {
    const now = net.isOnline();
    if (now && !online) onRestored();
    online = now;
  }, 15_000).unref();
  powerMonitor.on('resume', onRestored);
}

function refreshMenu(): void {
  installApplicationMenu(menuLanguage, {
    isDev,
    platform: process.platform,
    onSwitchLanguage: (lang) => {
      menuLanguage = lang;
      refreshMenu();
    },
    onAbout: () => {
      const about = aboutDetails(menuLanguage, app.getVersion());
      const options = { type: 'info' as const, ...about, buttons: [menuLanguage === 'zh-CN' ? '确定' : 'OK'] };
      void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
    },
    onExportBundle: () => {
      if (store) void exportBundleWithDialog(mainWindow, store, menuLanguage);
    },
    onImportBundle: () => {
      if (store) void importBundleWithDialog(mainWindow, store, menuLanguage);
    },
    onSavePdf: () => void savePageAsPdf(mainWindow, menuLanguage),
  });
}

function start(): void {
  try {
    store = openAppStore(path.join(app.getPath('userData'), 'jiebang.sqlite'));
  } catch (error) {
    // A database newer than this app, or corrupt: say so and stop rather than touch it.
    dialog.showErrorBox('揭榜无法打开数据库 / Jiebang cannot open its database', String(error));
    app.quit();
    return;
  }
  const openedStore = store;

  denyAllPermissions(session.defaultSession);
  applyCspToSession(session.defaultSession, isDev ? 'development' : 'production');
  serveRendererOverAppProtocol(rendererRoot);
  const senderPolicy = { getTrustedWebContents: () => mainWindow?.webContents ?? null, devServerUrl };
  registerCallHandler((method, payload) => openedStore.dispatch(method, payload), senderPolicy);
  // files the user picked or dropped: a one-time grant for evidence.attach (the renderer never names a path)
  registerFileGrantHandler((file) => openedStore.grantFile(file), senderPolicy);
  openedStore.onDataChanged((change) => broadcast(mainWindow?.webContents, 'data-changed', change));
  openedStore.onSyncStatus((status) => broadcast(mainWindow?.webContents, 'sync-status', status));
  watchNetwork(() => store?.networkRestored());

  refreshMenu();
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Two processes on one SQLite file would fight over it: the second one hands over and leaves.
  app.quit();
} else {
  // Both must happen before 'ready': every renderer sandboxed, and the app:// scheme privileged.
  app.enableSandbox();
  registerAppSchemeAsPrivileged();
  guardAllWebContents(app, { devServerUrl });

  app.on('second-instance', focusWindow);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && store) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!store) return;
    // let a sync round in flight finish before the database closes, then quit for real
    event.preventDefault();
    const closing = store;
    store = null;
    void closing.close().finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[jiebang] startup failed:', error);
      app.quit();
    });
}
