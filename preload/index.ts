/**
 * The bridge: window.jiebang exposes exactly the contract's methods plus `on` for the contract's
 * events; window.jiebangFiles only `grant(file)` (below). No Electron object, no channel name choice
 * and no IPC event ever reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { METHOD_NAMES as methodNames } from '../main/contract/methods';
import type { JiebangApi } from '../main/contract/index';
import { CALL_CHANNEL, EVENT_CHANNEL, EVENT_TYPES, FILE_GRANT_CHANNEL } from '../main/contract/result';
import type { EventType, FileGrant, JiebangFiles, Result } from '../main/contract/result';

/** The slice of ipcRenderer the bridge uses; injected so the spec can pass a fake. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

type Callable = (input?: unknown) => Promise<unknown>;

function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

export function buildApi(ipc: BridgeIpc, names: readonly string[] = methodNames): JiebangApi {
  const namespaces = new Map<string, Record<string, Callable>>();
  for (const method of names) {
    const dot = method.indexOf('.');
    const namespace = method.slice(0, dot);
    const name = method.slice(dot + 1);
    if (dot <= 0 || !name || name.includes('.') || namespace === 'on') {
      throw new Error(`contract method name must be "namespace.method": ${method}`);
    }
    const methods = namespaces.get(namespace) ?? {};
    // Only (channel, method, input) cross: the input is structured-cloned by Electron.
    methods[name] = (input?: unknown) => ipc.invoke(CALL_CHANNEL, method, input);
    namespaces.set(namespace, methods);
  }

  const api: Record<string, unknown> = {};
  for (const [namespace, methods] of namespaces) api[namespace] = Object.freeze(methods);

  api.on = (type: unknown, callback: unknown): (() => void) => {
    if (!isEventType(type)) throw new Error(`unknown event type: ${String(type)}`);
    if (typeof callback !== 'function') throw new TypeError('callback must be a function');
    // The IpcRendererEvent (which carries `sender`, i.e. ipcRenderer) is dropped here.
    const listener = (_event: IpcRendererEvent, eventType: unknown, payload: unknown) => {
      if (eventType === type) (callback as (payload: unknown) => void)(payload);
    };
    ipc.on(EVENT_CHANNEL, listener);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(EVENT_CHANNEL, listener);
    };
  };

  return Object.freeze(api) as unknown as JiebangApi;
}

/**
 * window.jiebangFiles: the one addition beside the contract. A File the user picked or dropped is
 * turned into its path here, in the isolated world (webUtils gives '' for Files made in memory, and
 * throws for anything that is not a File), and only that path goes to main, which answers a one-time
 * grant token for evidence.attach. The page never sees a path and can never name one.
 */
export function buildFiles(ipc: Pick<IpcRenderer, 'invoke'>, pathOf: (file: File) => string): JiebangFiles {
  const refused = (): Result<FileGrant> => ({
    ok: false,
    error: {
      code: 'VALIDATION',
      message: '只能附加从本机选择或拖入的文件',
      messageEn: 'Only files picked or dropped on this computer can be attached',
      details: { reason: 'not_a_file' },
    },
  });
  const grant = async (file: File): Promise<Result<FileGrant>> => {
    let found: string;
    try {
      found = pathOf(file);
    } catch {
      return refused();
    }
    if (typeof found !== 'string' || !found) return refused();
    return (await ipc.invoke(FILE_GRANT_CHANNEL, found)) as Result<FileGrant>;
  };
  return Object.freeze({ grant });
}

contextBridge.exposeInMainWorld('jiebang', buildApi(ipcRenderer));
contextBridge.exposeInMainWorld('jiebangFiles', buildFiles(ipcRenderer, (file) => webUtils.getPathForFile(file)));
