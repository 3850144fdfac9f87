import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
}));
vi.mock('electron', () => electron);

import { CALL_CHANNEL, EVENT_CHANNEL, FILE_GRANT_CHANNEL } from '../contract/result';
import type { EventType, FileGrant, Result } from '../contract/result';
import { broadcast, checkSender, createCallHandler, createFileGrantHandler, registerCallHandler, registerFileGrantHandler } from './ipc';
import type { SenderPolicy } from './ipc';

const ourWindowContents = { id: 1 } as WebContents;
const otherContents = { id: 2 } as WebContents;
const packaged: SenderPolicy = { getTrustedWebContents: () => ourWindowContents, devServerUrl: undefined };
const dev: SenderPolicy = { getTrustedWebContents: () => ourWindowContents, devServerUrl: 'http://localhost:5173/' };
const noWindow: SenderPolicy = { getTrustedWebContents: () => null, devServerUrl: undefined };

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

function invokeEvent(url: string | null, options: { sender?: WebContents; parent?: FakeFrame | null } = {}) {
  const senderFrame: FakeFrame | null = url === null ? null : { url, parent: options.parent ?? null };
  return { sender: options.sender ?? ourWindowContents, senderFrame } as unknown as IpcMainInvokeEvent;
}

const okValue: Result<unknown> = { ok: true, value: [{ id: 'b1', title: '深海管道', status: 'published', challengeCount: 3 }] };

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('the app\'s own main frame is dispatched', () => {
  it.each(['app://jiebang/index.html', 'app://jiebang/boards/42?tab=claims#top'])('from %s', async (url) => {
    const dispatch = vi.fn(() => okValue);
    const handler = createCallHandler(dispatch, packaged);
    await expect(handler(invokeEvent(url), 'boards.list', { status: 'published' })).resolves.toEqual(okValue);
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('boards.list', { status: 'published' });
  });

  it('from the dev server, in development only', async () => {
    const dispatch = vi.fn(() => okValue);
    await expect(createCallHandler(dispatch, dev)(invokeEvent('http://localhost:5173/'), 'boards.list', {})).resolves.toEqual(okValue);
    expect(dispatch).toHaveBeenCalledOnce();
  });

  it('passes method and payload through untouched (main validates them as unknown)', async () => {
    const dispatch = vi.fn((_method: unknown, _payload: unknown): Result<unknown> => ({ ok: true, value: null }));
    const payload = { nested: { evil: '__proto__' } };
    await createCallHandler(dispatch, packaged)(invokeEvent('app://jiebang/'), 42, payload);
    expect(dispatch).toHaveBeenCalledWith(42, payload);
  });

  it('awaits an asynchronous dispatcher', async () => {
    const dispatch = vi.fn(async () => okValue);
    await expect(createCallHandler(dispatch, packaged)(invokeEvent('app://jiebang/'), 'boards.list', {})).resolves.toEqual(okValue);
  });
});

describe('any other sender is refused with BAD_SENDER and the dispatcher is never called', () => {
  const subFrameParent: FakeFrame = { url: 'app://jiebang/index.html', parent: null };

  it.each([
    ['no sender frame (destroyed or navigated away)', invokeEvent(null), packaged],
    ['a foreign https page', invokeEvent('https://evil.example/'), packaged],
    ['a file:// page', invokeEvent('file:///tmp/evil.html'), packaged],
    ['about:blank', invokeEvent('about:blank'), packaged],
    ['an empty URL', invokeEvent(''), packaged],
    ['another app:// host', invokeEvent('app://evil/index.html'), packaged],
    ['a lookalike app:// host', invokeEvent('app://jiebang.evil/index.html'), packaged],
    ['app:// with credentials', invokeEvent('app://user@jiebang/index.html'), packaged],
    ['app:// with a port', invokeEvent('app://jiebang:1234/index.html'), packaged],
    ['the dev server URL in a packaged app', invokeEvent('http://localhost:5173/'), packaged],
    ['another localhost port in development', invokeEvent('http://localhost:5174/'), dev],
    ['a sub-frame of our own page', invokeEvent('app://jiebang/index.html', { parent: subFrameParent }), packaged],
    ['another WebContents (devtools, another window)', invokeEvent('app://jiebang/index.html', { sender: otherContents }), packaged],
    ['any sender while no window exists', invokeEvent('app://jiebang/index.html'), noWindow],
  ] as const)('%s', async (_label, event, policy) => {
    const dispatch = vi.fn(() => okValue);
    const result = await createCallHandler(dispatch, policy)(event, 'boards.list', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'BAD_SENDER', message: expect.any(String), messageEn: expect.any(String) },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('explains the refusal in checkSender', () => {
    expect(checkSender(invokeEvent('https://evil.example/'), packaged)).toEqual({
      ok: false,
      reason: 'foreign origin https://evil.example/',
    });
    expect(checkSender(invokeEvent('app://jiebang/'), packaged)).toEqual({ ok: true });
  });
});

describe('the handler never throws across the boundary', () => {
  it('turns a throwing dispatcher into an INTERNAL error result', async () => {
    const dispatch = vi.fn(() => {
      throw new Error('database is locked');
    });
    const result = await createCallHandler(dispatch, packaged)(invokeEvent('app://jiebang/'), 'boards.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    // the internal message stays in main's log, not in the renderer
    expect(JSON.stringify(result)).not.toContain('database is locked');
  });
});

describe('registerCallHandler', () => {
  it("registers exactly one handler, on 'jiebang:call', and can remove it", async () => {
    electron.ipcMain.handle.mockClear();
    const dispatch = vi.fn(() => okValue);
    const unregister = registerCallHandler(dispatch, packaged);

    expect(CALL_CHANNEL).toBe('jiebang:call');
    expect(electron.ipcMain.handle).toHaveBeenCalledExactlyOnceWith(CALL_CHANNEL, expect.any(Function));
    const handler = electron.ipcMain.handle.mock.calls[0]?.[1] as ReturnType<typeof createCallHandler>;
    await expect(handler(invokeEvent('https://evil.example/'), 'boards.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_SENDER' },
    });
    expect(dispatch).not.toHaveBeenCalled();

    unregister();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith(CALL_CHANNEL);
  });
});

describe('the file-grant channel', () => {
  const granted: Result<FileGrant> = { ok: true, value: { token: 'T'.repeat(32), name: 'IMG_0001.jpg', size: 2048, expiresAt: '2026-11-24T02:15:00.000Z' } };

  it('grants the path the preload sends for the app’s own window', async () => {
    const grant = vi.fn(() => granted);
    const handler = createFileGrantHandler(grant, packaged);
    await expect(handler(invokeEvent('app://jiebang/index.html'), '/home/li/照片/IMG_0001.jpg')).resolves.toEqual(granted);
    expect(grant).toHaveBeenCalledExactlyOnceWith('/home/li/照片/IMG_0001.jpg');
  });

  it.each([
    ['a foreign page', invokeEvent('https://evil.example/')],
    ['a sub-frame', invokeEvent('app://jiebang/index.html', { parent: { url: 'app://jiebang/index.html', parent: null } })],
    ['another WebContents', invokeEvent('app://jiebang/index.html', { sender: otherContents })],
    ['no frame', invokeEvent(null)],
  ] as const)('refuses %s with BAD_SENDER, granting nothing', async (_label, event) => {
    const grant = vi.fn(() => granted);
    await expect(createFileGrantHandler(grant, packaged)(event, '/home/li/.ssh/id_rsa')).resolves.toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } });
    expect(grant).not.toHaveBeenCalled();
  });

  it.each([[''], ['relative/id_rsa'], [42], [null], [{ path: '/etc/passwd' }], ['/tmp/a\0.jpg'], [`/${'a'.repeat(5000)}`]])('refuses the path %j without asking the grants', async (file) => {
    const grant = vi.fn(() => granted);
    const result = await createFileGrantHandler(grant, packaged)(invokeEvent('app://jiebang/'), file);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { reason: 'not_a_file' } } });
    expect(grant).not.toHaveBeenCalled();
  });

  it('passes the grant’s own refusal through and never throws', async () => {
    const tooLarge: Result<FileGrant> = { ok: false, error: { code: 'VALIDATION', message: '文件过大', messageEn: 'too large', details: { reason: 'too_large' } } };
    await expect(createFileGrantHandler(() => tooLarge, packaged)(invokeEvent('app://jiebang/'), '/data/big.mp4')).resolves.toEqual(tooLarge);
    const throwing = createFileGrantHandler(() => {
      throw new Error('EACCES /root/secret');
    }, packaged);
    const result = await throwing(invokeEvent('app://jiebang/'), '/root/secret');
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('/root/secret');
  });

  it("registers one handler on 'jiebang:grant-file', beside the call channel, and can remove it", async () => {
    electron.ipcMain.handle.mockClear();
    const grant = vi.fn(() => granted);
    const unregister = registerFileGrantHandler(grant, packaged);
    expect(FILE_GRANT_CHANNEL).toBe('jiebang:grant-file');
    expect(electron.ipcMain.handle).toHaveBeenCalledExactlyOnceWith(FILE_GRANT_CHANNEL, expect.any(Function));
    const handler = electron.ipcMain.handle.mock.calls[0]?.[1] as ReturnType<typeof createFileGrantHandler>;
    await expect(handler(invokeEvent('https://evil.example/'), '/etc/passwd')).resolves.toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } });
    expect(grant).not.toHaveBeenCalled();
    unregister();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith(FILE_GRANT_CHANNEL);
  });
});

describe('broadcast', () => {
  function fakeContents(destroyed = false) {
    return { send: vi.fn(), isDestroyed: vi.fn(() => destroyed) };
  }

  it("sends a contract event on 'jiebang:event'", () => {
    const contents = fakeContents();
    const change = { method: 'boards.publish', entities: ['boards'] };
    expect(broadcast(contents, 'data-changed', change)).toBe(true);
    expect(EVENT_CHANNEL).toBe('jiebang:event');
    expect(contents.send).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, 'data-changed', change);
  });

  it('refuses an event type outside the contract', () => {
    const contents = fakeContents();
    const notAnEvent = 'open-devtools' as EventType;
    expect(broadcast(contents, notAnEvent, { method: 'x', entities: [] })).toBe(false);
    expect(contents.send).not.toHaveBeenCalled();
  });

  it('does nothing for a missing or destroyed window', () => {
    const destroyed = fakeContents(true);
    const status = { link: 'local-only', pendingOps: 0, lastSyncAt: null, lastError: null, nextAttemptAt: null, refused: 0, conflicts: 0, transfer: null } as const;
    expect(broadcast(destroyed, 'sync-status', status)).toBe(false);
    expect(destroyed.send).not.toHaveBeenCalled();
    expect(broadcast(null, 'sync-status', status)).toBe(false);
  });
});
