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
  return { ipcRenderer, contextBridge: { exposeInMainWorld: vi.fn() } };
});
vi.mock('electron', () => electron);

import { METHOD_NAMES as methodNames } from '../main/contract/methods';
import { CALL_CHANNEL, EVENT_CHANNEL, EVENT_TYPES } from '../main/contract/result';
import { buildApi } from './index';

type AnyFunction = (...args: unknown[]) => unknown;
type ExposedApi = Record<string, unknown> & { on: (type: unknown, callback: unknown) => () => void };

// Read at import time: Vitest clears mock calls before each test.
const exposeCalls = [...electron.contextBridge.exposeInMainWorld.mock.calls];
const [exposedName, exposed] = (exposeCalls[0] ?? []) as [string, ExposedApi];

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
  it("is exposed once, as 'jiebang'", () => {
    expect(exposeCalls).toHaveLength(1);
    expect(exposedName).toBe('jiebang');
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
