import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import path from 'node:path';
import { CALL_CHANNEL, EVENT_CHANNEL, EVENT_TYPES, FILE_GRANT_CHANNEL } from '../contract/result';
import type { EventPayloads, EventType, FileGrant, Result } from '../contract/result';
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

/** Grants a file main found at `path` (AppStore.grantFile). */
export type GrantFile = (path: string) => Result<FileGrant>;

function refusedPath(): ErrorPayload {
  return {
    code: 'VALIDATION',
    message: '只能附加从本机选择或拖入的文件',
    messageEn: 'Only files picked or dropped on this computer can be attached',
    details: { reason: 'not_a_file' },
  };
}

/**
 * The file-grant handler: the preload sends the path webUtils gave it for a File the user picked or
 * dropped; main checks the sender as for calls, then the path (a string, absolute, sane length), and
 * answers a one-time token (the grant itself checks it is a regular file within the size limit).
 */
export function createFileGrantHandler(grant: GrantFile, policy: SenderPolicy) {
  return async (event: IpcMainInvokeEvent, file: unknown): Promise<Result<FileGrant>> => {
    const sender = checkSender(event, policy);
    if (!sender.ok) {
      console.warn(`[jiebang] refused file grant: ${sender.reason}`);
      return { ok: false, error: badSenderError() };
    }
    if (typeof file !== 'string' || file.length === 0 || file.length > 4096 || file.includes('\0') || !path.isAbsolute(file)) {
      return { ok: false, error: refusedPath() };
    }
    try {
      return grant(file);
    } catch (error) {
      console.error('[jiebang] file grant threw:', error);
      return { ok: false, error: internalError() };
    }
  };
}

/** Registers the file-grant channel beside the call channel. Returns a function that removes it. */
export function registerFileGrantHandler(grant: GrantFile, policy: SenderPolicy): () => void {
  ipcMain.handle(FILE_GRANT_CHANNEL, createFileGrantHandler(grant, policy));
  return () => ipcMain.removeHandler(FILE_GRANT_CHANNEL);
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
