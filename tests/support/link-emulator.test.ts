import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { Link, StartLinkOptions } from './link-emulator';
import { LINK_PROFILES, startLink } from './link-emulator';

// ---------------------------------------------------------------------------------------------
// Helpers: real loopback servers and clients, all cleaned up after each test.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

interface TestServer {
  port: number;
  /** Server-side sockets, in accept order. */
  sockets: net.Socket[];
}

/** A TCP server; `onSocket` decides what it does (default: echo). */
async function tcpServer(onSocket: (sock: net.Socket) => void = (s) => s.pipe(s)): Promise<TestServer> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((sock) => {
    sockets.push(sock);
    sock.on('error', () => {});
    onSocket(sock);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as net.AddressInfo).port, sockets };
}

async function link(server: { port: number }, options: Partial<StartLinkOptions> = {}): Promise<Link> {
  const l = await startLink({ seed: 1, ...options, target: { host: '127.0.0.1', port: server.port } });
  cleanups.push(() => l.close());
  return l;
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.on('error', () => {});
    cleanups.push(() => void sock.destroy());
    sock.once('connect', () => resolve(sock));
    sock.once('error', reject);
  });
}

/** Everything a socket receives, plus how it ended. */
function collect(sock: net.Socket): { chunks: Buffer[]; bytes: () => number; buffer: () => Buffer; closed: Promise<{ error?: string }> } {
  const chunks: Buffer[] = [];
  let error: string | undefined;
  sock.on('data', (b: Buffer) => chunks.push(b));
  sock.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
  const closed = new Promise<{ error?: string }>((resolve) => sock.once('close', () => resolve({ error })));
  return {
    chunks,
    bytes: () => chunks.reduce((n, c) => n + c.length, 0),
    buffer: () => Buffer.concat(chunks),
    closed,
  };
}

/** Resolves once `sock` has received `n` more bytes. */
function readN(sock: net.Socket, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const onData = (b: Buffer): void => {
      chunks.push(b);
      got += b.length;
      if (got >= n) {
        sock.off('data', onData);
        sock.off('close', onClose);
        resolve(Buffer.concat(chunks));
      }
    };
    const onClose = (): void => {
      sock.off('data', onData);
      reject(new Error(`closed after ${got} of ${n} bytes`));
    };
    sock.on('data', onData);
    sock.once('close', onClose);
  });
}

/** Connect and wait for the connection to end; resolves with the error code ('' if clean). */
function attempt(port: number): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    let code = '';
    sock.on('error', (e: NodeJS.ErrnoException) => (code ||= e.code ?? e.message));
    sock.once('close', () => resolve(code));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = performance.now();
  while (!cond()) {
    if (performance.now() - start > timeoutMs) throw new Error('condition not met in time');
    await sleep(5);
  }
}

/** Round trip of one small message over an echo connection, in ms. */
async function roundTrip(sock: net.Socket, msg = 'ping'): Promise<number> {
  const start = performance.now();
  const reply = readN(sock, msg.length);
  sock.write(msg);
  expect((await reply).toString()).toBe(msg);
  return performance.now() - start;
}

// Timer slack: Node timers are ms-granular; delays are asserted as lower bounds with this tolerance.
const SLACK = 3;

// ---------------------------------------------------------------------------------------------

describe('link emulator', () => {
  it('exports the DESIGN.md link profiles', () => {
    expect(Object.keys(LINK_PROFILES).sort()).toEqual(['L0', 'L2', 'L3', 'L6']);
    expect(LINK_PROFILES.L0).toMatchObject({ downBitsPerSec: 100e6, upBitsPerSec: 100e6, delayMs: 1, lossRate: 0 });
    expect(LINK_PROFILES.L2).toMatchObject({ downBitsPerSec: 2e6, upBitsPerSec: 512e3, delayMs: 320, lossRate: 0.005 });
    expect(LINK_PROFILES.L3).toMatchObject({ downBitsPerSec: 256e3, upBitsPerSec: 64e3, lossRate: 0.015 });
    expect(LINK_PROFILES.L3.delayMs + LINK_PROFILES.L3.jitterMs).toBeLessThanOrEqual(400);
    expect(LINK_PROFILES.L6).toMatchObject({ downBitsPerSec: 2400, upBitsPerSec: 2400, delayMs: 750, lossRate: 0.02 });
  });

  it('refuses non-loopback targets', async () => {
    await expect(
      startLink({ target: { host: '10.0.0.1' as '127.0.0.1', port: 80 } }),
    ).rejects.toThrow(/127\.0\.0\.1/);
  });

  it('passes data through and counts bytes exactly in each direction', async () => {
    const server = await tcpServer();
    const l = await link(server);
    expect(l.url).toBe(`http://127.0.0.1:${l.port}`);
    const client = await connect(l.port);
    const payload = randomBytes(50_000);
    const echoed = readN(client, payload.length);
    client.write(payload.subarray(0, 1));
    client.write(payload.subarray(1, 20_000));
    client.write(payload.subarray(20_000));
    expect((await echoed).equals(payload)).toBe(true);
    await until(() => l.stats().bytesDown === payload.length);
    expect(l.stats()).toMatchObject({ bytesUp: 50_000, bytesDown: 50_000, connections: 1, openConnections: 1 });

    const done = collect(client).closed;
    client.end();
    await done;
    await until(() => l.stats().openConnections === 0);
    l.resetStats();
    expect(l.stats()).toEqual({ bytesUp: 0, bytesDown: 0, connections: 0, openConnections: 0, cuts: 0 });
  });

  it('counts what an HTTP server actually read and wrote', async () => {
    const body = randomBytes(20_000);
    let serverSocket: net.Socket | undefined;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/octet-stream');
        res.setHeader('connection', 'close');
        res.end(body);
      });
    });
    server.on('connection', (s) => (serverSocket = s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const l = await link({ port: (server.address() as net.AddressInfo).port }, { delayMs: 5 });

    const received = await new Promise<{ data: Buffer; socket: net.Socket }>((resolve, reject) => {
      const req = http.request(`${l.url}/sync`, { method: 'POST', agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ data: Buffer.concat(chunks), socket: req.socket! }));
      });
      req.on('error', reject);
      req.end(randomBytes(3_000));
    });
    expect(received.data.equals(body)).toBe(true);
    await new Promise<void>((resolve) => (received.socket.destroyed ? resolve() : received.socket.once('close', () => resolve())));
    await until(() => l.stats().openConnections === 0);
    const s = l.stats();
    expect(s.bytesUp).toBe(serverSocket!.bytesRead);
    expect(s.bytesDown).toBe(serverSocket!.bytesWritten);
    expect(s.bytesUp).toBe(received.socket.bytesWritten);
    expect(s.bytesDown).toBe(received.socket.bytesRead);
    expect(s.bytesUp).toBeGreaterThan(3_000);
    expect(s.bytesDown).toBeGreaterThan(20_000);
  });

  it('limits throughput to the set rate in each direction', async () => {
    const size = 16 * 1024;
    const ideal = ((size * 8) / 64_000) * 1000; // 2048 ms
    let upDone: Promise<number> | undefined;
    const server = await tcpServer((sock) => {
      const start = performance.now();
      upDone = readN(sock, size).then(() => performance.now() - start);
      sock.write(randomBytes(size));
    });
    const l = await link(server, { downBitsPerSec: 64_000, upBitsPerSec: 64_000, handshake: false });
    const client = await connect(l.port);
    const start = performance.now();
    const down = readN(client, size).then(() => performance.now() - start);
    client.write(randomBytes(size));
    const downMs = await down;
    await until(() => upDone !== undefined);
    const upMs = await upDone!;
    const rate = (ms: number): string => `${((size * 8) / ms).toFixed(1)} kbit/s`;
    console.log(`64 kbit/s link, 16 KiB: down ${downMs.toFixed(0)} ms (${rate(downMs)}), up ${upMs.toFixed(0)} ms (${rate(upMs)}), ideal ${ideal.toFixed(0)} ms`);
    for (const ms of [downMs, upMs]) {
      expect(ms).toBeGreaterThanOrEqual(ideal * 0.85);
      expect(ms).toBeLessThanOrEqual(ideal * 1.6);
    }
    expect(l.stats()).toMatchObject({ bytesUp: size, bytesDown: size });
  });

  it('shares a direction\'s rate between connections', async () => {
    const each = 8 * 1024;
    const ideal = ((2 * each * 8) / 64_000) * 1000; // both together: 2048 ms
    const server = await tcpServer((sock) => sock.end(randomBytes(each)));
    const l = await link(server, { downBitsPerSec: 64_000 });
    const start = performance.now();
    const [a, b] = await Promise.all([connect(l.port), connect(l.port)]);
    const times = await Promise.all([a, b].map((s) => readN(s, each).then(() => performance.now() - start)));
    console.log(`two connections sharing 64 kbit/s: ${times.map((t) => t.toFixed(0)).join(' / ')} ms, ideal ${ideal.toFixed(0)} ms`);
    expect(Math.max(...times)).toBeGreaterThanOrEqual(ideal * 0.85);
    expect(Math.max(...times)).toBeLessThanOrEqual(ideal * 1.6);
    // Round robin: neither connection finishes long before the other.
    expect(Math.min(...times)).toBeGreaterThanOrEqual(ideal * 0.7);
  });

  it('adds the one-way delay each way, plus a round trip for the handshake, and pipelines', async () => {
    const server = await tcpServer();
    const l = await link(server, { delayMs: 100 });
    const client = await connect(l.port);
    const first = await roundTrip(client);
    const second = await roundTrip(client);
    console.log(`delay 100 ms: first round trip ${first.toFixed(0)} ms, then ${second.toFixed(0)} ms`);
    expect(first).toBeGreaterThanOrEqual(400 - SLACK); // handshake RTT + request + reply
    expect(second).toBeGreaterThanOrEqual(200 - SLACK);
    expect(second).toBeLessThan(first);

    // Ten messages sent 20 ms apart are all in flight at once: ~180 + 200 ms, not 10 × 200 ms.
    const start = performance.now();
    const all = readN(client, 10 * 5);
    for (let i = 0; i < 10; i++) {
      client.write(`msg${i} `);
      await sleep(20);
    }
    await all;
    const total = performance.now() - start;
    expect(total).toBeGreaterThanOrEqual(380 - SLACK);
    expect(total).toBeLessThan(1200);

    l.setProfile({ delayMs: 150 });
    expect(l.conditions().delayMs).toBe(150);
    expect(await roundTrip(client)).toBeGreaterThanOrEqual(300 - SLACK);
  });

  it('shows loss as retransmission stalls of about one round trip', async () => {
    const server = await tcpServer();
    const l = await link(server, { delayMs: 50, lossRate: 1, handshake: false });
    const client = await connect(l.port);
    // Every chunk "lost": each direction pays delay + one RTT = 150 ms.
    expect(await roundTrip(client)).toBeGreaterThanOrEqual(300 - SLACK);
    l.setProfile({ lossRate: 0 });
    await sleep(350); // let anything in flight land
    const clean = await roundTrip(client);
    expect(clean).toBeGreaterThanOrEqual(100 - SLACK);
  });

  it.each(['up', 'down', 'any'] as const)('cutAfterBytes(n, %s) cuts once exactly n bytes crossed', async (direction) => {
    const received: Array<() => number> = [];
    const server = await tcpServer((sock) => {
      const c = collect(sock);
      received.push(c.bytes);
      sock.pipe(sock);
    });
    // 400 kbit/s: the 10 KB cross in ~20 chunks of 1000 B, so the cut lands mid-chunk and mid-stream.
    const l = await link(server, { downBitsPerSec: 400_000, upBitsPerSec: 400_000 });
    const n = 3_333;
    const cut = l.cutAfterBytes(n, direction);
    const client = await connect(l.port);
    const got = collect(client);
    client.write(randomBytes(10_000));
    await cut;
    const end = await got.closed;
    expect(end.error).toBe('ECONNRESET');
    await until(() => l.stats().openConnections === 0);
    const s = l.stats();
    expect(s.cuts).toBe(1);
    if (direction === 'up') expect(s.bytesUp).toBe(n);
    if (direction === 'down') expect(s.bytesDown).toBe(n);
    if (direction === 'any') expect(s.bytesUp + s.bytesDown).toBe(n);
    // What each receiver got is what the link counted, and never more than n in the cut direction.
    expect(received[0]!()).toBe(s.bytesUp);
    expect(got.bytes()).toBe(s.bytesDown);
    if (direction !== 'down') expect(received[0]!()).toBeLessThanOrEqual(n);
    if (direction !== 'up') expect(got.bytes()).toBeLessThanOrEqual(n);

    // One-shot: the next connection is fine.
    const again = await connect(l.port);
    expect(await roundTrip(again)).toBeGreaterThanOrEqual(0);
  });

  it('outage: existing connections stall then get cut, new ones hang until restore', async () => {
    const server = await tcpServer();
    const l = await link(server, { delayMs: 20 });
    const c1 = await connect(l.port);
    await roundTrip(c1);
    const c1End = collect(c1).closed;

    const start = performance.now();
    l.outage({ stallMs: 200 });
    expect(l.isDown()).toBe(true);
    c1.write('lost?');
    expect((await c1End).error).toBe('ECONNRESET');
    expect(performance.now() - start).toBeGreaterThanOrEqual(200 - SLACK);
    expect(l.stats().cuts).toBe(1);

    // A connection attempted during the outage hangs: nothing comes back...
    const c2 = await connect(l.port);
    const reply = readN(c2, 5);
    c2.write('hello');
    const winner = await Promise.race([reply.then(() => 'reply'), sleep(300).then(() => 'silence')]);
    expect(winner).toBe('silence');
    // ...and goes through once the link is back, like a retransmitted SYN.
    l.restore();
    expect(l.isDown()).toBe(false);
    expect((await reply).toString()).toBe('hello');

    const c3 = await connect(l.port);
    await roundTrip(c3);
  });

  it('outage: a short outage is survived, reset mode fails new connections fast, outage(ms) restores itself', async () => {
    const server = await tcpServer();
    const l = await link(server, { delayMs: 10 });
    const c1 = await connect(l.port);
    await roundTrip(c1);

    l.outage(150, { stallMs: 2_000, newConnections: 'reset' });
    const start = performance.now();
    const reply = readN(c1, 4);
    c1.write('late');
    expect(await attempt(l.port)).toBe('ECONNRESET');
    expect((await reply).toString()).toBe('late');
    expect(performance.now() - start).toBeGreaterThanOrEqual(150 - SLACK);
    expect(l.isDown()).toBe(false);
    expect(l.stats().cuts).toBe(0);
    await roundTrip(c1);
  });

  it('survives resets from either side', async () => {
    const server = await tcpServer((sock) => {
      sock.on('data', (b: Buffer) => {
        if (b.toString().includes('kill')) sock.resetAndDestroy();
        else if (b.toString().includes('flood')) sock.write(randomBytes(200_000));
        else sock.write(b);
      });
    });
    const l = await link(server, { downBitsPerSec: 1_000_000, delayMs: 5 });

    // Server resets: the client sees a reset too.
    const a = await connect(l.port);
    const aEnd = collect(a).closed;
    a.write('kill');
    expect((await aEnd).error).toBe('ECONNRESET');

    // Client resets in the middle of a download.
    const b = await connect(l.port);
    const some = readN(b, 10_000);
    b.write('flood');
    await some;
    const bEnd = collect(b).closed;
    b.resetAndDestroy();
    await bEnd;
    await until(() => l.stats().openConnections === 0);
    await until(() => server.sockets.every((s) => s.destroyed));

    const c = await connect(l.port);
    await roundTrip(c);
  });

  it('scheduleOutages drops the link by a pattern until cancelled', async () => {
    const server = await tcpServer();
    const l = await link(server);
    const seen: boolean[] = [];
    const cancel = l.scheduleOutages({ firstAfterMs: 50, everyMs: 200, durationMs: 100 });
    for (let i = 0; i < 12; i++) {
      seen.push(l.isDown());
      await sleep(25);
    }
    cancel();
    await until(() => !l.isDown());
    expect(seen.some((d) => d)).toBe(true);
    expect(seen.some((d) => !d)).toBe(true);
    await sleep(250);
    expect(l.isDown()).toBe(false);
  });

  it('close() resets connections and leaves no open handles or timers', async () => {
    const handles = (): Record<string, number> => {
      const counts: Record<string, number> = {};
      for (const r of process.getActiveResourcesInfo()) {
        if (r === 'TCPSocketWrap' || r === 'TCPServerWrap' || r === 'Timeout') counts[r] = (counts[r] ?? 0) + 1;
      }
      return counts;
    };
    const server = await tcpServer((sock) => {
      sock.on('data', () => sock.write(randomBytes(100_000)));
    });
    await sleep(20);
    const before = handles();

    const l = await startLink({ profile: 'L3', seed: 7, target: { host: '127.0.0.1', port: server.port } });
    const busy = await connect(l.port);
    const busyEnd = collect(busy).closed;
    busy.write('go');
    await readN(busy, 1000); // mid-transfer: transmitter and delivery timers active
    l.scheduleOutages({ everyMs: 60_000, durationMs: 1_000 });
    l.outage({ stallMs: 60_000 }); // stall timer pending
    const hung = await connect(l.port); // hangs during the outage
    const hungEnd = collect(hung).closed;
    void l.cutAfterBytes(1_000_000);

    await l.close();
    await l.close(); // idempotent
    expect((await busyEnd).error).toBe('ECONNRESET');
    await hungEnd;
    await until(() => server.sockets.every((s) => s.destroyed));
    await sleep(20);
    const after = handles();
    for (const kind of Object.keys(after)) expect(after[kind], kind).toBeLessThanOrEqual(before[kind] ?? 0);
    await expect(connect(l.port)).rejects.toThrow();
  });
});
