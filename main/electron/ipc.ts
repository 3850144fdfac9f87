import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL, EVENT_TYPES } from '../contract/result';
import type { EventPayloads, EventType, Result } from '../contract/result';
import type { ErrorPayload } from '../domain/errors';
import { isOwnRendererUrl } from './app-origin';

/** Runs one contract method; validates the payload itself (it arrives as unknown). */
export type Dispatch = (method: unknown, payload: unknown) => Result<unknown> | Promise<Result<unknown>>;

export interface SenderPolicy {
  /** the window whose main frame may call; null while no window exists */
  getTrustedWebContents: () => WebContents | null;
  /** the dev server URL while `electron-vite dev` runs; undefined in a packaged app */
  devServerUrl: string | undefined;
}

export type SenderCheck = { ok: true } | { ok: false; reason: string };

/**
 * VS Code style sender validation, but stricter: a frame must exist (it is null once the
 * frame navigated away or was destroyed), its URL must be the app's own origin, it must be a
 * main frame, and it must belong to our own window — not a devtools page or any other contents.
 */
export function checkSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, policy: SenderPolicy): SenderCheck {
  const frame = event.senderFrame;
  if (!frame) return { ok: false, reason: 'no sender frame' };
  if (!isOwnRendererUrl(frame.url, policy.devServerUrl)) return { ok: false, reason: `foreign origin ${frame.url}` };
  if (frame.parent !== null) return { ok: false, reason: 'not a main frame' };
  const trusted = policy.getTrustedWebContents();
  if (!trusted || event.sender !== trusted) return { ok: false, reason: 'not the app window' };
  return { ok: true };
}

export function badSenderError(): ErrorPayload {
  return {
    code: 'BAD_SENDER',
    message: '请求来源不是揭榜自己的窗口，已拒绝',
    messageEn: "Refused: the request does not come from Jiebang's own window",
  };
}

function internalError(): ErrorPayload {
  return { code: 'INTERNAL', message: '内部错误，请重试', messageEn: 'Internal error, please retry' };
}

/**
 * The IPC handler, separate from the registration so it can be called directly in tests.
 * It never throws: the renderer always receives a Result.
 */
export function createCallHandler(dispatch: Dispatch, policy: SenderPolicy) {
  return async (event: IpcMainInvokeEvent, method: unknown, payload: unknown): Promise<Result<unknown>> => {
    const sender = checkSender(event, policy);
    if (!sender.ok) {
      console.warn(`[jiebang] refused IPC call ${String(method).slice(0, 80)}: ${sender.reason}`);
      return { ok: false, error: badSenderError() };
    }
    try {
      return await dispatch(method, payload);
    } catch (error) {
      console.error('[jiebang] dispatcher threw:', error);
      return { ok: false, error: internalError() };
    }
  };
}

/** Registers the ONE invoke channel. Returns a function that removes it. */
export function registerCallHandler(dispatch: Dispatch, policy: SenderPolicy): () => void {
  ipcMain.handle(CALL_CHANNEL, createCallHandler(dispatch, policy));
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** Pushes one event to the renderer. Only the contract's event types ever cross; false if not sent. */
export function broadcast<T extends EventType>(
  contents: Pick<WebContents, 'send' | 'isDestroyed'> | null | undefined,
  type: T,
  data: EventPayloads[T],
): boolean {
  if (!isEventType(type)) return false;
  if (!contents || contents.isDestroyed()) return false;
  contents.send(EVENT_CHANNEL, type, data);
  return true;
}
