import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppStore } from '../../main/store';
import type { AppStore } from '../../main/store';
import type { WebBridge } from '../../main/web/server';
import { startWebBridge } from '../../main/web/server';
import { tempDbFile } from '../support/store';

/** The browser bridge over real HTTP on loopback, against a real database. */
let bridge: WebBridge | undefined;
let opened: AppStore | undefined;
afterEach(async () => {
  await bridge?.close();
  await opened?.close();
  bridge = undefined;
  opened = undefined;
});

async function start() {
  const store = openAppStore(tempDbFile(), { seedDemo: false });
  opened = store;
  bridge = await startWebBridge({ store });
  return { store, bridge };
}

function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

const post = (url: string, payload: unknown) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) }).then(async (r) => ({ status: r.status, json: (await r.json()) as { ok: boolean; value?: unknown; error?: { code: string } } }));

describe('the browser bridge', () => {
  it('answers contract calls with the same Result the preload gives', async () => {
    const { bridge } = await start();
    const setup = await post(`${bridge.url}/api/call/setup.initialize`, {
      site: { code: 'HQ', name: '集团总部', kind: 'hq', linkProfile: 'L0', timeZone: 'Asia/Shanghai' },
      admin: { name: '管理员', post: '', partyMember: false, partyBranch: null },
    });
    expect(setup.json.ok).toBe(true);
    const boards = await post(`${bridge.url}/api/call/boards.list`, {});
    expect(boards).toEqual({ status: 200, json: { ok: true, value: [] } });
    const bad = await post(`${bridge.url}/api/call/boards.create`, { title: 42 });
    expect(bad.json.ok).toBe(false);
    expect(bad.json.error?.code).toBe('VALIDATION');
    const unknown = await post(`${bridge.url}/api/call/constructor.name`, {});
    expect(unknown.json.error?.code).toBe('UNKNOWN_METHOD');
  });

  it('refuses malformed requests with a 4xx and a clear error', async () => {
    const { bridge, store } = await start();
    const before = store.syncStatus().pendingOps;
    expect((await raw(`${bridge.url}/api/call/boards.list`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{not json' })).status).toBe(400);
    expect((await raw(`${bridge.url}/api/call/boards.list`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await raw(`${bridge.url}/api/call/boards.list`, { method: 'GET' })).status).toBe(405);
    expect((await raw(`${bridge.url}/api/call/../../etc/passwd`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(404);
    const big = await raw(`${bridge.url}/api/call/boards.list`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"x":"${'a'.repeat(1_100_000)}"}` });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.messageEn).toMatch(/too large/);
    expect(store.syncStatus().pendingOps).toBe(before);
  });

  it('refuses calls from other origins and DNS-rebound host names', async () => {
    const { bridge } = await start();
    const headers = { 'Content-Type': 'application/json' };
    expect((await raw(`${bridge.url}/api/call/boards.list`, { method: 'POST', headers: { ...headers, Origin: 'https://evil.example' }, body: '{}' })).status).toBe(403);
    expect((await raw(`${bridge.url}/api/call/boards.list`, { method: 'POST', headers: { ...headers, Host: 'evil.example' }, body: '{}' })).status).toBe(403);
    expect((await raw(`${bridge.url}/api/call/boards.list`, { method: 'POST', headers: { ...headers, Origin: 'http://127.0.0.1:1' }, body: '{}' })).status).toBe(403);
    expect((await raw(`${bridge.url}/api/call/boards.list`, { method: 'POST', headers: { ...headers, Origin: bridge.url }, body: '{}' })).status).toBe(200);
  });

  it('takes a picked file at POST /api/files and answers a one-time grant that evidence.attach spends', async () => {
    const store = openAppStore(tempDbFile('demo.sqlite'));
    opened = store;
    bridge = await startWebBridge({ store });
    const tmp = path.join(path.dirname(store.db.name), 'evidence', 'tmp');
    const upload = (body: Buffer, name: string, headers: Record<string, string> = {}) =>
      fetch(`${bridge!.url}/api/files`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(name), ...headers }, body })
        .then(async (r) => ({ status: r.status, json: (await r.json()) as { ok: boolean; value?: { token: string; name: string; size: number }; error?: { code: string; message: string; details?: { reason: string } } } }));
    // the demo's HQ officer attaches to a progress entry of a challenge in progress
    const ownerId = store.db
      .prepare("SELECT p.id FROM progress_entries p JOIN challenges c ON c.id = p.challenge_id WHERE c.status = 'in_progress' ORDER BY p.created_at DESC LIMIT 1")
      .pluck()
      .get() as string;

    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6' } }).jpeg().toBuffer();
    const granted = await upload(photo, '右岸 监测点.jpg');
    expect(granted.json).toMatchObject({ ok: true, value: { name: '右岸 监测点.jpg', size: photo.length } });
    expect(fs.readdirSync(tmp)).toHaveLength(1);
    const token = granted.json.value!.token;
    const attached = await post(`${bridge.url}/api/call/evidence.attach`, { token, ownerEntity: 'progress', ownerId });
    expect(attached.json).toMatchObject({ ok: true, value: { name: '右岸 监测点.jpg', mime: 'image/jpeg', size: photo.length } });
    // the upload's copy is gone once attached (the evidence store keeps its own), and the token is spent
    expect(fs.readdirSync(tmp)).toEqual([]);
    const reused = await post(`${bridge.url}/api/call/evidence.attach`, { token, ownerEntity: 'progress', ownerId });
    expect(reused.json.error?.code).toBe('VALIDATION');

    // a program renamed .jpg is taken as bytes, then refused by the attach with its reason; nothing stays
    const exe = await upload(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0x41)]), 'photo.jpg');
    const refused = await post(`${bridge.url}/api/call/evidence.attach`, { token: exe.json.value!.token, ownerEntity: 'progress', ownerId });
    expect(refused.json.error).toMatchObject({ code: 'VALIDATION', details: { reason: 'executable' } });
    expect(fs.readdirSync(tmp)).toEqual([]);

    // the evidence size limit holds while the bytes arrive
    store.db.prepare("INSERT INTO settings (key, value) VALUES ('evidence_max_bytes', '100000')").run();
    const big = await upload(Buffer.alloc(300_000, 1), 'big.pdf');
    expect(big.json).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { reason: 'too_large' } } });
    expect(big.json.error?.message).toMatch(/文件过大/);
    const empty = await upload(Buffer.alloc(0), 'empty.jpg');
    expect(empty.json.error?.details?.reason).toBe('empty');
    expect(fs.readdirSync(tmp)).toEqual([]);

    // malformed or foreign requests
    expect((await raw(`${bridge.url}/api/files`, { method: 'GET' })).status).toBe(405);
    expect((await raw(`${bridge.url}/api/files`, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'X-File-Name': 'a.jpg' }, body: 'x' })).status).toBe(415);
    expect((await raw(`${bridge.url}/api/files`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: 'x' })).status).toBe(400);
    expect((await raw(`${bridge.url}/api/files`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': '%E0%A4%A', }, body: 'x' })).status).toBe(400);
    expect((await raw(`${bridge.url}/api/files`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': 'a.jpg', Origin: 'https://evil.example' }, body: 'x' })).status).toBe(403);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('streams data-changed and sync-status events after a write', async () => {
    const { bridge } = await start();
    const received: string[] = [];
    const controller = new AbortController();
    const events = await fetch(`${bridge.url}/api/events`, { signal: controller.signal });
    const reader = events.body!.getReader();
    const reading = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        received.push(decoder.decode(value));
        if (received.join('').includes('event: sync-status')) break;
      }
    })();
    await post(`${bridge.url}/api/call/setup.initialize`, {
      site: { code: 'HQ', name: '集团总部', kind: 'hq', linkProfile: 'L0', timeZone: 'Asia/Shanghai' },
      admin: { name: '管理员', post: '', partyMember: false, partyBranch: null },
    });
    await reading;
    controller.abort();
    const text = received.join('');
    expect(text).toContain('event: data-changed');
    expect(text).toContain('"method":"setup.initialize"');
    expect(text).toMatch(/"pendingOps":\d+/);
  });
});
