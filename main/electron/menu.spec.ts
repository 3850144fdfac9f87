import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  Menu: {
    buildFromTemplate: vi.fn((template: unknown) => ({ template })),
    setApplicationMenu: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

import { aboutDetails, buildMenuTemplate, installApplicationMenu } from './menu';
import type { MenuHandlers, MenuLanguage } from './menu';

function handlers(overrides: Partial<MenuHandlers> = {}): MenuHandlers {
  return { onSwitchLanguage: vi.fn(), onAbout: vi.fn(), onExportBundle: vi.fn(), onImportBundle: vi.fn(), onSavePdf: vi.fn(), isDev: false, platform: 'linux', ...overrides };
}

function submenuOf(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.id === id);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no submenu ${id}`);
  return menu.submenu;
}

function clickItem(item: MenuItemConstructorOptions | undefined): void {
  // The handlers ignore the arguments Electron passes; call through the loose signature.
  (item?.click as (() => void) | undefined)?.();
}

function allLabels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.label ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? allLabels(item.submenu) : []),
  ]);
}

describe('buildMenuTemplate', () => {
  it.each([
    ['zh-CN', ['文件', '编辑', '视图', '语言', '帮助']],
    ['en', ['File', 'Edit', 'View', 'Language', 'Help']],
  ] as const)('has the five top-level menus in %s', (lang, labels) => {
    expect(buildMenuTemplate(lang, handlers()).map((item) => item.label)).toEqual(labels);
  });

  it('is entirely in Chinese by default, except the language that names itself (and PDF)', () => {
    const labels = allLabels(buildMenuTemplate('zh-CN', handlers({ isDev: true })));
    expect(labels.filter((label) => /[A-Za-z]/.test(label.replace('PDF', '')))).toEqual(['English']);
  });

  it.each([
    ['zh-CN', '导出同步包…', '导入总部回复包…', '导出为 PDF…', '打印…', '退出'],
    ['en', 'Export Sync Bundle…', 'Import HQ Reply Bundle…', 'Save as PDF…', 'Print…', 'Quit'],
  ] as const)('puts the sync bundles, PDF, print and Quit (%s) in the File menu', (lang, exportLabel, importLabel, pdfLabel, printLabel, quitLabel) => {
    const menuHandlers = handlers();
    const file = submenuOf(buildMenuTemplate(lang, menuHandlers), 'file');
    expect(file.map((item) => item.label ?? item.type)).toEqual([exportLabel, importLabel, 'separator', pdfLabel, printLabel, 'separator', quitLabel]);
    clickItem(file.find((item) => item.id === 'save-pdf'));
    expect(menuHandlers.onSavePdf).toHaveBeenCalledOnce();
    expect(file.at(-1)).toEqual({ id: 'quit', label: quitLabel, role: 'quit' });
    clickItem(file.find((item) => item.id === 'export-bundle'));
    expect(menuHandlers.onExportBundle).toHaveBeenCalledOnce();
    expect(menuHandlers.onImportBundle).not.toHaveBeenCalled();
    clickItem(file.find((item) => item.id === 'import-bundle'));
    expect(menuHandlers.onImportBundle).toHaveBeenCalledOnce();
  });

  it('gives the Edit menu the standard roles, labelled in Chinese', () => {
    const edit = submenuOf(buildMenuTemplate('zh-CN', handlers()), 'edit').filter((item) => item.role);
    expect(edit.map((item) => [item.role, item.label])).toEqual([
      ['undo', '撤销'],
      ['redo', '重做'],
      ['cut', '剪切'],
      ['copy', '复制'],
      ['paste', '粘贴'],
      ['selectAll', '全选'],
    ]);
  });

  it('offers reload and devtools only in development', () => {
    const roles = (isDev: boolean) =>
      submenuOf(buildMenuTemplate('zh-CN', handlers({ isDev })), 'view').flatMap((item) => (item.role ? [item.role] : []));
    expect(roles(false)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(roles(true)).toEqual(['reload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it.each(['zh-CN', 'en'] as const)('marks the current language (%s) and switches on click', (lang: MenuLanguage) => {
    const menuHandlers = handlers();
    const languages = submenuOf(buildMenuTemplate(lang, menuHandlers), 'language');
    expect(languages.map((item) => [item.label, item.type, item.checked])).toEqual([
      ['中文（简体）', 'radio', lang === 'zh-CN'],
      ['English', 'radio', lang === 'en'],
    ]);
    clickItem(languages.find((item) => item.id === 'language-en'));
    clickItem(languages.find((item) => item.id === 'language-zh-CN'));
    expect(menuHandlers.onSwitchLanguage).toHaveBeenNthCalledWith(1, 'en');
    expect(menuHandlers.onSwitchLanguage).toHaveBeenNthCalledWith(2, 'zh-CN');
  });

  it.each([
    ['zh-CN', '关于揭榜'],
    ['en', 'About Jiebang'],
  ] as const)('has About in the Help menu (%s: %s)', (lang, label) => {
    const menuHandlers = handlers();
    const [about] = submenuOf(buildMenuTemplate(lang, menuHandlers), 'help');
    expect(about?.label).toBe(label);
    clickItem(about);
    expect(menuHandlers.onAbout).toHaveBeenCalledOnce();
  });

  it('adds the app menu first on macOS, with About and Quit', () => {
    const template = buildMenuTemplate('zh-CN', handlers({ platform: 'darwin' }));
    expect(template.map((item) => item.label)).toEqual(['揭榜', '文件', '编辑', '视图', '语言', '帮助']);
    expect(submenuOf(template, 'app').map((item) => item.label ?? item.type)).toEqual(['关于揭榜', 'separator', '退出']);
  });
});

describe('aboutDetails', () => {
  it('names the app and version in both languages', () => {
    expect(aboutDetails('zh-CN', '0.1.0')).toMatchObject({ title: '关于揭榜', message: '揭榜 Jiebang 0.1.0' });
    expect(aboutDetails('en', '0.1.0')).toMatchObject({ title: 'About Jiebang', message: '揭榜 Jiebang 0.1.0' });
  });
});

describe('installApplicationMenu', () => {
  it('builds the template and sets it as the application menu', () => {
    installApplicationMenu('en', handlers());
    expect(electron.Menu.buildFromTemplate).toHaveBeenCalledOnce();
    const [template] = electron.Menu.buildFromTemplate.mock.calls[0] ?? [];
    expect((template as MenuItemConstructorOptions[]).map((item) => item.label)).toEqual([
      'File', 'Edit', 'View', 'Language', 'Help',
    ]);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith({ template });
  });
});
