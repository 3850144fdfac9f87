import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';

export const MENU_LANGUAGES = ['zh-CN', 'en'] as const;
export type MenuLanguage = (typeof MENU_LANGUAGES)[number];
export const DEFAULT_MENU_LANGUAGE: MenuLanguage = 'zh-CN';

export interface MenuHandlers {
  onSwitchLanguage: (lang: MenuLanguage) => void;
  onAbout: () => void;
  /** no link at all: sync bundles on removable media */
  onExportBundle: () => void;
  onImportBundle: () => void;
  /** the current page through its print CSS (a signed pledge as the formal document) */
  onSavePdf: () => void;
  /** development builds get reload and devtools */
  isDev: boolean;
  /** macOS puts Quit and About under the app menu */
  platform?: NodeJS.Platform;
}

const LABELS = {
  'zh-CN': {
    app: '揭榜',
    file: '文件',
    exportBundle: '导出同步包…',
    importBundle: '导入总部回复包…',
    savePdf: '导出为 PDF…',
    print: '打印…',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullscreen: '全屏',
    language: '语言',
    help: '帮助',
    about: '关于揭榜',
  },
  en: {
    app: 'Jiebang',
    file: 'File',
    exportBundle: 'Export Sync Bundle…',
    importBundle: 'Import HQ Reply Bundle…',
    savePdf: 'Save as PDF…',
    print: 'Print…',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullscreen: 'Full Screen',
    language: 'Language',
    help: 'Help',
    about: 'About Jiebang',
  },
} as const satisfies Record<MenuLanguage, Record<string, string>>;

/** Each language names itself, so a user who cannot read the current one still finds theirs. */
const LANGUAGE_NAMES: Record<MenuLanguage, string> = { 'zh-CN': '中文（简体）', en: 'English' };

/** Pure: the whole application menu for one language. Roles keep the OS behaviour; labels are ours. */
export function buildMenuTemplate(lang: MenuLanguage, handlers: MenuHandlers): MenuItemConstructorOptions[] {
  const t = LABELS[lang];
  const isMac = handlers.platform === 'darwin';
  const about: MenuItemConstructorOptions = { id: 'about', label: t.about, click: () => handlers.onAbout() };
  const quit: MenuItemConstructorOptions = { id: 'quit', label: t.quit, role: 'quit' };

  const viewItems: MenuItemConstructorOptions[] = [
    ...(handlers.isDev
      ? ([
          { id: 'reload', label: t.reload, role: 'reload' },
          { id: 'devtools', label: t.devTools, role: 'toggleDevTools' },
          { type: 'separator' },
        ] satisfies MenuItemConstructorOptions[])
      : []),
    { id: 'reset-zoom', label: t.resetZoom, role: 'resetZoom' },
    { id: 'zoom-in', label: t.zoomIn, role: 'zoomIn' },
    { id: 'zoom-out', label: t.zoomOut, role: 'zoomOut' },
    { type: 'separator' },
    { id: 'fullscreen', label: t.fullscreen, role: 'togglefullscreen' },
  ];

  return [
    ...(isMac
      ? ([
          { id: 'app', label: t.app, submenu: [about, { type: 'separator' }, quit] },
        ] satisfies MenuItemConstructorOptions[])
      : []),
    {
      id: 'file',
      label: t.file,
      submenu: [
        { id: 'export-bundle', label: t.exportBundle, click: () => handlers.onExportBundle() },
        { id: 'import-bundle', label: t.importBundle, click: () => handlers.onImportBundle() },
        { type: 'separator' },
        { id: 'save-pdf', label: t.savePdf, accelerator: 'CmdOrCtrl+Shift+P', click: () => handlers.onSavePdf() },
        { id: 'print', label: t.print, accelerator: 'CmdOrCtrl+P', click: (_item, window) => (window as { webContents?: { print(): void } } | undefined)?.webContents?.print() },
        { type: 'separator' },
        isMac ? { role: 'close' } : quit,
      ],
    },
    {
      id: 'edit',
      label: t.edit,
      submenu: [
        { id: 'undo', label: t.undo, role: 'undo' },
        { id: 'redo', label: t.redo, role: 'redo' },
        { type: 'separator' },
        { id: 'cut', label: t.cut, role: 'cut' },
        { id: 'copy', label: t.copy, role: 'copy' },
        { id: 'paste', label: t.paste, role: 'paste' },
        { id: 'select-all', label: t.selectAll, role: 'selectAll' },
      ],
    },
    { id: 'view', label: t.view, submenu: viewItems },
    {
      id: 'language',
      label: t.language,
      submenu: MENU_LANGUAGES.map((option) => ({
        id: `language-${option}`,
        label: LANGUAGE_NAMES[option],
        type: 'radio' as const,
        checked: option === lang,
        click: () => handlers.onSwitchLanguage(option),
      })),
    },
    { id: 'help', label: t.help, role: 'help', submenu: [about] },
  ];
}

/** Pure: the About box text for one language. */
export function aboutDetails(lang: MenuLanguage, version: string): { title: string; message: string; detail: string } {
  return lang === 'zh-CN'
    ? {
        title: '关于揭榜',
        message: `揭榜 Jiebang ${version}`,
        detail: '揭榜挂帅、军令状与攻关进展的离线优先桌面应用，现场与总部双向同步。',
      }
    : {
        title: 'About Jiebang',
        message: `揭榜 Jiebang ${version}`,
        detail: 'Offline-first desktop app for challenge boards, pledges and progress, syncing field sites with HQ.',
      };
}

export function installApplicationMenu(lang: MenuLanguage, handlers: MenuHandlers): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(lang, handlers)));
}
