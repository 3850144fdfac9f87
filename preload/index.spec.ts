import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const ipcRenderer = {
    invoke: vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: 'answer' })),
    on: vi.fn(),
    removeListener: vi.fn(),
    // present on the real object; the bridge must never hand them out
    send: vi.fn(),
    sendSync: vi.fn(),
    postMessage: vi.fn(),
    removeAllListeners: vi.fn(),
  };
  // webUtils.getPathForFile: a path for Files the user picked or dropped, '' for Files made in memory
  const picked = new WeakMap<object, string>();
  const webUtils = {
    getPathForFile: vi.fn((file: unknown) => {
      if (!(file instanceof File)) throw new TypeError('Error processing argument at index 0, conversion failure');
      return picked.get(file) ?? '';
    }),
  };
  return { ipcRenderer, webUtils, picked, contextBridge: { exposeInMainWorld: vi.fn() } };
});
vi.mock('electron', () => electron);

import { METHOD_NAMES as methodNames } from '../main/contract/methods';
import { CALL_CHANNEL, EVENT_CHANNEL, EVENT_TYPES, FILE_GRANT_CHANNEL } from '../main/contract/result';
import { buildApi } from './index';

type AnyFunction = (...args: unknown[]) => unknown;
type ExposedApi = Record<string, unknown> & { on: (type: unknown, callback: unknown) => () => void };

// Read at import time: Vitest clears mock calls before each test.
const exposeCalls = [...electron.contextBridge.exposeInMainWorld.mock.calls];
const [exposedName, exposed] = (exposeCalls[0] ?? []) as [string, ExposedApi];
const [filesName, files] = (exposeCalls[1] ?? []) as [string, { grant: (file: unknown) => Promise<unknown> }];

function exposedMethods(api: Record<string, unknown>): string[] {
  return Object.entries(api).flatMap(([namespace, value]) =>
    namespace === 'on' ? [] : Object.keys(value as object).map((name) => `${namespace}.${name}`),
  );
}

function method(api: Record<string, unknown>, name: string): AnyFunction {
  const [namespace = '', fn = ''] = name.split('.');
  return (api[namespace] as Record<string, AnyFunction>)[fn] as AnyFunction;
}

/** The listener the bridge registered on the event channel for its n-th subscription. */
function registeredListener(index = 0): AnyFunction {
  const call = electron.ipcRenderer.on.mock.calls[index] as [string, AnyFunction] | undefined;
  if (!call) throw new Error('no listener registered');
  expect(call[0]).toBe(EVENT_CHANNEL);
  return call[1];
}

describe('window.jiebang', () => {
  it("is exposed once, as 'jiebang', with only 'jiebangFiles' beside it", () => {
    expect(exposeCalls).toHaveLength(2);
    expect(exposedName).toBe('jiebang');
    expect(filesName).toBe('jiebangFiles');
  });

  it("exposes exactly the contract's methods, nested by namespace, plus on", () => {
    expect(methodNames.length).toBeGreaterThan(0);
    expect(exposedMethods(exposed).sort()).toEqual([...methodNames].sort());
    expect(Object.keys(exposed)).toContain('on');
  });

  it.each(methodNames.map((name) => [name]))('%s invokes the call channel with its name and input', async (name) => {
    const input = { probe: name };
    await expect(method(exposed, name)(input)).resolves.toEqual({ ok: true, value: 'answer' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(CALL_CHANNEL, name, input);
  });

  it('is frozen, namespaces included', () => {
    expect(Object.isFrozen(exposed)).toBe(true);
    for (const [key, value] of Object.entries(exposed)) {
      if (key !== 'on') expect(Object.isFrozen(value)).toBe(true);
    }
  });

  it('leaks no Electron object or ipcRenderer function, at any depth', () => {
    const forbidden = new Set<unknown>([
      electron.ipcRenderer,
      electron.contextBridge,
      ...Object.values(electron.ipcRenderer),
      ...Object.values(electron.contextBridge),
      electron.webUtils,
      electron.webUtils.getPathForFile,
    ]);
    const seen = new Set<unknown>();
    const walk = (value: unknown, where: string): void => {
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
      seen.add(value);
      expect(forbidden.has(value), `${where} is an Electron object`).toBe(false);
      for (const key of Object.getOwnPropertyNames(value)) {
        if (typeof value === 'function' && ['caller', 'callee', 'arguments'].includes(key)) continue;
        walk((value as Record<string, unknown>)[key], `${where}.${key}`);
      }
    };
    walk(exposed, 'window.jiebang');
    walk(files, 'window.jiebangFiles');
    const topLevel = Object.keys(exposed);
    for (const name of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'postMessage', 'contextBridge']) {
      expect(topLevel).not.toContain(name);
    }
  });
});

describe('window.jiebang.on', () => {
  it.each(['open-devtools', 'jiebang:call', 'jiebang:event', '__proto__', 'DATA-CHANGED', '', 42, null, undefined])(
    'rejects the unknown event type %j without listening',
    (type) => {
      expect(() => exposed.on(type, () => undefined)).toThrow(/unknown event type/);
      expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
    },
  );

  it('rejects a callback that is not a function', () => {
    expect(() => exposed.on('data-changed', 'alert(1)')).toThrow(TypeError);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });

  it.each(EVENT_TYPES.map((type) => [type]))('delivers only %s payloads, and never the IPC event', (type) => {
    const callback = vi.fn();
    exposed.on(type, callback);
    const listener = registeredListener();
    const ipcEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
    const other = EVENT_TYPES.find((candidate) => candidate !== type);

    listener(ipcEvent, other, { wrong: true });
    listener(ipcEvent, type, { right: true });

    expect(callback).toHaveBeenCalledExactlyOnceWith({ right: true });
  });

  it('returns an unsubscribe function that removes exactly its listener, once', () => {
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = exposed.on('data-changed', first);
    exposed.on('data-changed', second);
    const firstListener = registeredListener(0);

    unsubscribeFirst();
    unsubscribeFirst();

    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, firstListener);
  });
});

describe('buildApi', () => {
  it.each(['list', '.list', 'boards.', 'boards.list.all', 'on.something'])('refuses the malformed method name %j', (name) => {
    expect(() => buildApi(electron.ipcRenderer, [name])).toThrow(/namespace\.method/);
  });
});

describe('window.jiebangFiles', () => {
  const granted = { ok: true, value: { token: 'T'.repeat(32), name: 'IMG_0001.jpg', size: 4, expiresAt: '2026-11-24T02:15:00.000Z' } };

  it('has only grant, frozen', () => {
    expect(Object.keys(files)).toEqual(['grant']);
    expect(Object.isFrozen(files)).toBe(true);
  });

  it('sends the path of a picked or dropped file on its own channel, and answers the grant', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce(granted as never);
    const file = new File(['jpeg'], 'IMG_0001.jpg', { type: 'image/jpeg' });
    electron.picked.set(file, '/home/li/照片/IMG_0001.jpg');
    await expect(files.grant(file)).resolves.toEqual(granted);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(FILE_GRANT_CHANNEL, '/home/li/照片/IMG_0001.jpg');
    expect(FILE_GRANT_CHANNEL).not.toBe(CALL_CHANNEL);
  });

  it.each([
    ['a File made in memory (no path on disk)', () => new File(['#!/bin/sh'], 'id_rsa.jpg')],
    ['a string path', () => '/home/li/.ssh/id_rsa'],
    ['an object that claims a path', () => ({ path: '/home/li/.ssh/id_rsa', name: 'id_rsa' })],
    ['nothing', () => undefined],
  ])('refuses %s without asking main', async (_label, make) => {
    const result = await files.grant(make());
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { reason: 'not_a_file' } } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});
