import type { JiebangApi, Result } from '../../main/contract/index';
import type { EventPayloads, EventType } from '../../main/contract/result';

/**
 * The contract as the renderer uses it: the preload's `window.jiebang` in Electron, otherwise the
 * browser bridge — the same methods over HTTP to the real services (`npm run dev:web`, e2e tests).
 */
export function createHttpBridge(base = ''): JiebangApi {
  let events: EventSource | null = null;
  const call = async (method: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`${base}/api/call/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as Result<unknown>;
    } catch (err) {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: '无法连接到揭榜服务', messageEn: `Cannot reach the Jiebang bridge: ${String(err)}` },
      };
    }
  };
  const on = <T extends EventType>(type: T, callback: (payload: EventPayloads[T]) => void): (() => void) => {
    events ??= new EventSource(`${base}/api/events`);
    const listener = (e: MessageEvent<string>) => callback(JSON.parse(e.data) as EventPayloads[T]);
    events.addEventListener(type, listener);
    return () => events?.removeEventListener(type, listener);
  };
  return createContractProxy(call, on);
}

type Call = (method: string, input: unknown) => Promise<Result<unknown>>;

/**
 * Method names are not known at runtime here (the renderer imports only types): each
 * `api.ns.fn(input)` becomes `call('ns.fn', input)`, and the other side refuses names the contract lacks.
 */
export function createContractProxy(call: Call, on: JiebangApi['on']): JiebangApi {
  return new Proxy({ on } as unknown as JiebangApi, {
    get(_target, namespace) {
      if (namespace === 'on') return on;
      if (typeof namespace !== 'string') return undefined;
      return new Proxy({}, { get: (_, fn) => (typeof fn === 'string' ? (input: unknown) => call(`${namespace}.${fn}`, input) : undefined) });
    },
  });
}

let chosen: JiebangApi | undefined;

/** Chosen on first use, so importing this module touches no browser global. */
export function getApi(): JiebangApi {
  chosen ??= window.jiebang ?? createHttpBridge();
  return chosen;
}
