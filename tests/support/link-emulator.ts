/**
 * Satellite link emulator: a TCP proxy on loopback between a client and a server (e.g. the HQ hub's
 * HTTP port) that shapes the traffic like the field links of DESIGN.md §3.
 *
 *   const link = await startLink({ target: { host: '127.0.0.1', port: hubPort }, profile: 'L3' });
 *   await fetch(`http://127.0.0.1:${link.port}/sync`, ...);   // goes through the emulated link
 *   link.stats();                                              // { bytesUp, bytesDown, ... }
 *   await link.close();
 *
 * Loopback only: it listens on 127.0.0.1 and only ever connects to 127.0.0.1.
 *
 * Model (per link, both directions independent; "up" = client → server, "down" = server → client):
 *
 * - Bandwidth: one token bucket per direction, shared by all connections on the link (a satellite
 *   carrier's rate is shared). Data is cut into chunks of ~20 ms of air time (64 B … 64 KiB) and
 *   connections take turns chunk by chunk (round robin). Rates are goodput: TCP/IP headers, ACKs and
 *   congestion control are not modelled. `Infinity` = unshaped.
 * - Delay: every chunk is delivered `delayMs` (+ uniform random 0…`jitterMs`) after it was put on the
 *   air, pipelined: many chunks are in flight at once, like a long fat pipe. Delivery per connection
 *   and direction stays in order (TCP never reorders), so a late chunk holds back the ones behind it.
 * - Handshake: a new connection's first byte upstream waits one extra round trip (the SYN/SYN-ACK),
 *   unless `handshake: false`. TLS is not modelled.
 * - Loss: TCP hides loss as a retransmission stall. Each chunk is "lost" with the probability that
 *   any of its packets (`mss` bytes each) is lost at `lossRate`; a lost chunk arrives one RTT
 *   (2 × delayMs) late, and because delivery is in order, everything behind it waits too. Loss does
 *   not reduce the sending rate (no congestion window).
 * - Outage (`outage()` … `restore()`): packets vanish. Nothing is transmitted or delivered; data in the
 *   air is lost and re-sent (arrives `delayMs` after restore, like a TCP retransmission; TCP's
 *   exponential retransmission backoff is not modelled).
 *   Existing connections stall; if the outage lasts longer than `stallMs` (default 1 s — a compressed
 *   stand-in for TCP's retransmission timeout or the application's own timeout) they are cut with a
 *   TCP reset (both sides see ECONNRESET); shorter outages are survived, as TCP survives a short drop.
 *   New connections during an outage hang by default (the kernel accepts them, but nothing reaches
 *   the server and nothing comes back — like a connect whose SYNs go unanswered); if the outage ends
 *   while the client still waits, the connection goes through (a retransmitted SYN that finally got
 *   an answer). A client without its own timeout waits until restore() or close().
 *   `newConnections: 'reset'` makes them fail fast with ECONNRESET instead.
 *   Outages are never automatic: tests call outage(), or scheduleOutages() for a random pattern.
 * - Cuts (`cutAfterBytes(n, direction)`): once n more bytes have crossed the link in that direction
 *   (summed over connections), every connection open at that moment is reset. The chunk crossing the
 *   threshold is split, so exactly n bytes cross the link; the receiver gets at most n bytes (in
 *   practice exactly n: the reset is sent once those bytes are handed to the kernel, or after 500 ms
 *   if the receiver is not reading).
 * - Resets by either side are propagated as resets to the other side; a clean FIN travels the link
 *   like data. The emulator never throws on socket errors.
 * - Bytes are counted when they are written to the receiving side's socket, i.e. bytes that actually
 *   crossed the link; bytes dropped by a cut or still queued/in the air are not counted.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export type Direction = 'up' | 'down';

/** The shaping parameters of a link; everything a profile sets and setProfile() can change. */
export interface LinkConditions {
  /** Server → client rate, bits per second (goodput). Infinity = unshaped. */
  downBitsPerSec: number;
  /** Client → server rate, bits per second (goodput). Infinity = unshaped. */
  upBitsPerSec: number;
  /** One-way delay in ms (minimum). */
  delayMs: number;
  /** Extra one-way delay, uniform in 0…jitterMs. */
  jitterMs: number;
  /** Per-packet loss probability (0…1), shown as retransmission stalls (see the file comment). */
  lossRate: number;
}

/** A random outage pattern: a value or a [min, max] range (uniform) in ms. */
export interface OutagePattern {
  /** Time from one outage start to the next. */
  everyMs: number | [number, number];
  durationMs: number | [number, number];
}

export interface LinkProfile extends LinkConditions {
  id: string;
  label: string;
  /** Typical outage pattern (documentation / input for scheduleOutages); never applied automatically. */
  outages?: OutagePattern;
}

export type LinkProfileId = 'L0' | 'L2' | 'L3' | 'L6';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * The link profiles of DESIGN.md §3. Where the design gives a range, delayMs is its low end and
 * jitterMs its width. Outage frequencies not in the design (L2 rain fade every few hours, L6 call
 * drop length) are our assumptions.
 */
export const LINK_PROFILES: Record<LinkProfileId, LinkProfile> = {
  L0: {
    id: 'L0',
    label: 'HQ LAN',
    downBitsPerSec: 100_000_000,
    upBitsPerSec: 100_000_000,
    delayMs: 1,
    jitterMs: 0,
    lossRate: 0,
  },
  L2: {
    id: 'L2',
    label: 'Ku VSAT shared',
    downBitsPerSec: 2_000_000,
    upBitsPerSec: 512_000,
    delayMs: 320,
    jitterMs: 20,
    lossRate: 0.005,
    outages: { everyMs: [4 * HOUR, 12 * HOUR], durationMs: [5 * MIN, 30 * MIN] },
  },
  L3: {
    id: 'L3',
    label: 'thin VSAT',
    downBitsPerSec: 256_000,
    upBitsPerSec: 64_000,
    delayMs: 350,
    jitterMs: 50,
    lossRate: 0.015,
    outages: { everyMs: HOUR, durationMs: [1 * MIN, 2 * MIN] },
  },
  L6: {
    id: 'L6',
    label: 'satellite phone',
    downBitsPerSec: 2_400,
    upBitsPerSec: 2_400,
    delayMs: 750,
    jitterMs: 100,
    lossRate: 0.02,
    outages: { everyMs: [10 * MIN, 20 * MIN], durationMs: [10_000, 60_000] },
  },
};

export interface StartLinkOptions extends Partial<LinkConditions> {
  /** The server behind the link. Loopback only. */
  target: { host: '127.0.0.1'; port: number };
  /** Base conditions (a profile or its id); the individual fields above override it. Default: unshaped, no delay. */
  profile?: LinkProfile | LinkProfileId;
  /** Charge one round trip for the TCP handshake before a new connection's first upstream byte. Default true. */
  handshake?: boolean;
  /** Seed for jitter, loss and scheduleOutages (deterministic runs). Default: random. */
  seed?: number;
  /** Packet size for the loss model. Default 1460. */
  mss?: number;
  /** Max bytes in the air + unread at the receiver per connection and direction. Default 4 MiB. */
  windowBytes?: number;
}

export interface OutageOptions {
  /** How long existing connections stall before they are reset. Default 1000 ms; Infinity = never (they resume on restore). */
  stallMs?: number;
  /** New connections during the outage: 'hang' (default, go through on restore) or 'reset' (ECONNRESET at once). */
  newConnections?: 'hang' | 'reset';
}

export interface OutageSchedule extends OutagePattern, OutageOptions {
  /** Delay before the first outage; default: one `everyMs`. */
  firstAfterMs?: number | [number, number];
}

export interface LinkStats {
  /** Bytes delivered to the server side (client → server) since start / resetStats(). */
  bytesUp: number;
  /** Bytes delivered to the client side (server → client). */
  bytesDown: number;
  /** Client connections accepted since start / resetStats() (including ones hung or reset by an outage). */
  connections: number;
  /** Connections currently open through the link. */
  openConnections: number;
  /** Connections reset by the link (outage stall, cutAfterBytes) since start / resetStats(). */
  cuts: number;
}

export interface Link {
  /** Where clients connect (on 127.0.0.1). */
  readonly port: number;
  readonly host: '127.0.0.1';
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  stats(): LinkStats;
  resetStats(): void;
  /** Current conditions. */
  conditions(): LinkConditions;
  /** Change conditions at runtime: a whole profile, its id, or some fields. Applies to data sent from now on. */
  setProfile(profile: LinkProfile | LinkProfileId | Partial<LinkConditions>): void;
  /**
   * Start an outage, ending after `ms` if given, else at restore(). See the file comment. Calling it
   * while already down replaces the duration and options and restarts the stall countdown.
   */
  outage(ms?: number, options?: OutageOptions): void;
  outage(options: OutageOptions & { durationMs?: number }): void;
  /** End the outage (no-op if the link is up). */
  restore(): void;
  isDown(): boolean;
  /**
   * Reset every open connection once `n` more bytes have crossed the link in `direction`
   * ('any' = both directions summed; default). Exactly n bytes cross. Resolves when the cut happens.
   */
  cutAfterBytes(n: number, direction?: Direction | 'any'): Promise<void>;
  /** Random outages by a pattern (e.g. LINK_PROFILES.L3.outages); returns a cancel function. Cancelled by close(). */
  scheduleOutages(schedule: OutageSchedule): () => void;
  /** Reset all connections, stop listening, clear every timer; resolves when all sockets are closed. */
  close(): Promise<void>;
}

const UNSHAPED: LinkConditions = {
  downBitsPerSec: Infinity,
  upBitsPerSec: Infinity,
  delayMs: 0,
  jitterMs: 0,
  lossRate: 0,
};

function resolveProfile(profile: LinkProfile | LinkProfileId): LinkProfile {
  if (typeof profile === 'string') {
    const found = LINK_PROFILES[profile];
    if (!found) throw new Error(`unknown link profile ${String(profile)}`);
    return found;
  }
  return profile;
}

function pickConditions(src: Partial<LinkConditions>): Partial<LinkConditions> {
  const out: Partial<LinkConditions> = {};
  for (const key of ['downBitsPerSec', 'upBitsPerSec', 'delayMs', 'jitterMs', 'lossRate'] as const) {
    const v = src[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function validate(c: LinkConditions): void {
  for (const key of ['downBitsPerSec', 'upBitsPerSec'] as const) {
    if (!(c[key] > 0)) throw new Error(`${key} must be > 0 (use outage() for a dead link)`);
  }
  if (!(c.delayMs >= 0) || !Number.isFinite(c.delayMs)) throw new Error('delayMs must be a finite number >= 0');
  if (!(c.jitterMs >= 0) || !Number.isFinite(c.jitterMs)) throw new Error('jitterMs must be a finite number >= 0');
  if (!(c.lossRate >= 0 && c.lossRate <= 1)) throw new Error('lossRate must be within 0..1');
}

/** mulberry32: small, fast, seedable. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resetSocket(sock: net.Socket | undefined): void {
  if (!sock || sock.destroyed) return;
  try {
    sock.resetAndDestroy();
  } catch {
    sock.destroy();
  }
}

/** Bytes read from a sender but not yet on the air before we stop reading (its TCP send buffer fills). */
const SOURCE_HIGH_WATER = 64 * 1024;

interface InFlight {
  at: number;
  /** null = FIN */
  buf: Buffer | null;
}

/** One direction of one connection. */
class Pipe {
  src: net.Socket | undefined;
  dst: net.Socket | undefined;
  pending: Buffer[] = [];
  pendingBytes = 0;
  /** Source sent FIN; it goes on the air after the pending data. */
  ended = false;
  finSent = false;
  inflight: InFlight[] = [];
  inflightBytes = 0;
  /** Monotonic delivery time (in-order delivery); also carries the handshake floor. */
  lastAt = 0;
  timer: NodeJS.Timeout | undefined;

  constructor(
    readonly conn: Conn,
    readonly dir: Direction,
  ) {}

  get link(): LinkEmulator {
    return this.conn.link;
  }

  enqueue(buf: Buffer): void {
    if (this.conn.dead || buf.length === 0) return;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    this.updateFlow();
    this.link.tx[this.dir].kick();
  }

  end(): void {
    if (this.conn.dead) return;
    this.ended = true;
    this.link.tx[this.dir].kick();
  }

  updateFlow(): void {
    const src = this.src;
    if (!src || src.destroyed || this.conn.dead) return;
    const high = Math.max(SOURCE_HIGH_WATER, 4 * this.link.tx[this.dir].chunkBytes);
    if (this.pendingBytes > high) {
      if (!src.isPaused()) src.pause();
    } else if (this.pendingBytes <= high / 2 && src.isPaused()) {
      src.resume();
    }
  }

  /** Has something to put on the air and room in its window. */
  eligible(): boolean {
    if (this.conn.state !== 'open' || !this.dst) return false;
    if (this.pending.length === 0 && !(this.ended && !this.finSent)) return false;
    return this.inflightBytes + this.dst.writableLength < this.link.windowBytes;
  }

  /** Put up to `size` bytes (or the FIN if no data is pending) on the air. */
  transmit(size: number): void {
    const now = performance.now();
    let buf: Buffer | null = null;
    if (this.pending.length > 0) {
      const head = this.pending[0]!;
      if (head.length > size) {
        buf = head.subarray(0, size);
        this.pending[0] = head.subarray(size);
      } else {
        buf = head;
        this.pending.shift();
      }
      this.pendingBytes -= buf.length;
      this.inflightBytes += buf.length;
      this.updateFlow();
    } else {
      this.finSent = true;
    }
    const c = this.link.cond;
    let at = now + c.delayMs + (c.jitterMs > 0 ? this.link.random() * c.jitterMs : 0);
    if (buf && c.lossRate > 0) {
      const packets = Math.ceil(buf.length / this.link.mss);
      const pLost = 1 - Math.pow(1 - c.lossRate, packets);
      if (this.link.random() < pLost) at += 2 * c.delayMs;
    }
    at = Math.max(at, this.lastAt);
    this.lastAt = at;
    this.inflight.push({ at, buf });
    this.arm();
  }

  arm(): void {
    if (this.timer || this.inflight.length === 0 || this.conn.dead || this.link.down) return;
    const wait = Math.max(0, this.inflight[0]!.at - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.deliver();
    }, Math.ceil(wait));
  }

  deliver(): void {
    if (this.conn.dead || this.link.down) return;
    const now = performance.now();
    while (this.inflight.length > 0 && this.inflight[0]!.at <= now) {
      const entry = this.inflight.shift()!;
      const dst = this.dst;
      if (entry.buf === null) {
        if (dst && !dst.destroyed && !dst.writableEnded) dst.end();
        continue;
      }
      this.inflightBytes -= entry.buf.length;
      if (!dst || dst.destroyed || !dst.writable) continue;
      const { allowed, cut } = this.link.account(this.dir, entry.buf.length);
      if (cut) {
        // Stop everything now; reset the sockets once the last allowed bytes have been handed over.
        const victims = this.link.haltAll();
        if (allowed > 0) {
          const fire = this.link.resetLater(victims, cut);
          dst.write(entry.buf.subarray(0, allowed), fire);
        } else {
          this.link.resetVictims(victims, cut);
        }
        return;
      }
      dst.write(entry.buf);
    }
    this.arm();
    this.link.tx[this.dir].kick();
  }

  /** After an outage: whatever was in the air is re-sent and arrives delayMs after restore. */
  retransmit(now: number): void {
    const earliest = now + this.link.cond.delayMs;
    let last = 0;
    for (const entry of this.inflight) {
      entry.at = Math.max(entry.at, earliest, last);
      last = entry.at;
    }
    this.lastAt = Math.max(this.lastAt, last);
    this.arm();
  }

  halt(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.pendingBytes = 0;
    this.inflight = [];
    this.inflightBytes = 0;
  }
}

/** One client connection and its upstream connection. */
class Conn {
  state: 'hung' | 'open' | 'dead';
  upstream: net.Socket | undefined;
  readonly up: Pipe;
  readonly down: Pipe;
  private open = 1;
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;

  constructor(
    readonly link: LinkEmulator,
    readonly client: net.Socket,
    hung: boolean,
  ) {
    this.state = hung ? 'hung' : 'open';
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.up = new Pipe(this, 'up');
    this.down = new Pipe(this, 'down');
    this.up.src = client;
    this.down.dst = client;
    client.setNoDelay(true);
    client.on('error', () => {});
    client.on('data', (buf: Buffer) => this.up.enqueue(buf));
    client.on('end', () => this.up.end());
    client.on('drain', () => this.link.tx.down.kick());
    client.on('close', (hadError) => this.onClose(client, hadError));
    if (!hung) this.establish();
  }

  get dead(): boolean {
    return this.state === 'dead';
  }

  /** Connect upstream; the first upstream byte waits for the emulated handshake. */
  establish(): void {
    this.state = 'open';
    const now = performance.now();
    // SYN/SYN-ACK: the client may send one RTT after it started connecting; its first byte lands delayMs later.
    if (this.link.handshake) this.up.lastAt = now + 3 * this.link.cond.delayMs;
    this.down.lastAt = now;
    const upstream = net.connect({ host: '127.0.0.1', port: this.link.targetPort, allowHalfOpen: true });
    this.upstream = upstream;
    this.open += 1;
    this.up.dst = upstream;
    this.down.src = upstream;
    upstream.setNoDelay(true);
    upstream.on('error', () => {});
    upstream.on('data', (buf: Buffer) => this.down.enqueue(buf));
    upstream.on('end', () => this.down.end());
    upstream.on('drain', () => this.link.tx.up.kick());
    upstream.on('close', (hadError) => this.onClose(upstream, hadError));
    this.up.updateFlow();
    this.link.tx.up.kick();
  }

  private onClose(sock: net.Socket, hadError: boolean): void {
    this.open -= 1;
    if (this.open === 0) {
      this.halt();
      this.link.conns.delete(this);
      this.resolveClosed();
      return;
    }
    if (this.dead) return;
    // A reset (or a close while data toward that side is still undelivered) resets the other side too.
    const toward = sock === this.client ? this.down : this.up;
    if (hadError || toward.pendingBytes > 0 || toward.inflightBytes > 0) {
      this.cut(false);
    }
  }

  halt(): void {
    this.state = 'dead';
    this.up.halt();
    this.down.halt();
  }

  resetSockets(): void {
    resetSocket(this.client);
    resetSocket(this.upstream);
  }

  /** Reset both sides. */
  cut(count = true): void {
    if (count && !this.dead) this.link.cutCount += 1;
    this.halt();
    this.resetSockets();
  }
}

/** Token bucket + round-robin scheduler for one direction of the link. */
class Transmitter {
  private tokens = 0;
  private last = performance.now();
  private rr = 0;
  timer: NodeJS.Timeout | undefined;

  constructor(
    readonly link: LinkEmulator,
    readonly dir: Direction,
  ) {}

  /** Bytes per second. */
  get rate(): number {
    return (this.dir === 'up' ? this.link.cond.upBitsPerSec : this.link.cond.downBitsPerSec) / 8;
  }

  /** ~20 ms of air time per chunk, so connections interleave and delivery is smooth. */
  get chunkBytes(): number {
    const rate = this.rate;
    if (!Number.isFinite(rate)) return 64 * 1024;
    return Math.max(64, Math.min(64 * 1024, Math.round(rate * 0.02)));
  }

  /** Burst size: enough to absorb timer lateness, small enough not to matter for throughput. */
  private get capacity(): number {
    return Math.max(2 * this.chunkBytes, this.rate * 0.05);
  }

  refill(): void {
    const now = performance.now();
    if (Number.isFinite(this.rate)) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
    }
    this.last = now;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Round robin: the next pipe after the last one served that has something to send. */
  private nextEligible(): { pipe: Pipe; idx: number } | undefined {
    const pipes = this.link.pipes(this.dir);
    const n = pipes.length;
    for (let i = 0; i < n; i++) {
      const idx = (this.rr + i) % n;
      const pipe = pipes[idx]!;
      if (pipe.eligible()) return { pipe, idx };
    }
    return undefined;
  }

  kick(): void {
    if (this.timer || this.link.down || this.link.closed) return;
    const unshaped = !Number.isFinite(this.rate);
    for (;;) {
      const next = this.nextEligible();
      if (!next) return;
      const { pipe, idx } = next;
      if (pipe.pending.length === 0) {
        pipe.transmit(0); // FIN: no air time
        continue;
      }
      const size = Math.min(this.chunkBytes, pipe.pending[0]!.length);
      if (!unshaped) {
        this.refill();
        if (this.tokens < size) {
          const waitMs = ((size - this.tokens) / this.rate) * 1000;
          this.timer = setTimeout(
            () => {
              this.timer = undefined;
              this.kick();
            },
            Math.max(1, Math.ceil(waitMs)),
          );
          return;
        }
        this.tokens -= size;
      }
      this.rr = idx + 1;
      pipe.transmit(size);
    }
  }
}

interface CutTrigger {
  direction: Direction | 'any';
  remaining: number;
  resolve: () => void;
}

class LinkEmulator implements Link {
  readonly host = '127.0.0.1' as const;
  port = 0;
  cond: LinkConditions;
  readonly handshake: boolean;
  readonly mss: number;
  readonly windowBytes: number;
  readonly random: () => number;
  readonly targetPort: number;
  readonly conns = new Set<Conn>();
  readonly tx: Record<Direction, Transmitter>;
  down = false;
  closed = false;
  cutCount = 0;
  private bytes: Record<Direction, number> = { up: 0, down: 0 };
  private accepted = 0;
  private newConnMode: 'hang' | 'reset' = 'hang';
  private restoreTimer: NodeJS.Timeout | undefined;
  private stallTimer: NodeJS.Timeout | undefined;
  private triggers: CutTrigger[] = [];
  private readonly cutTimers = new Set<NodeJS.Timeout>();
  private schedules = new Set<() => void>();
  private closing: Promise<void> | undefined;
  private readonly server: net.Server;

  constructor(options: StartLinkOptions) {
    if (options.target.host !== '127.0.0.1') throw new Error('link emulator: target must be 127.0.0.1');
    if (!Number.isInteger(options.target.port) || options.target.port <= 0) throw new Error('link emulator: bad target port');
    this.targetPort = options.target.port;
    const base = options.profile ? resolveProfile(options.profile) : UNSHAPED;
    this.cond = { ...UNSHAPED, ...pickConditions(base), ...pickConditions(options) };
    validate(this.cond);
    this.handshake = options.handshake ?? true;
    this.mss = options.mss ?? 1460;
    this.windowBytes = options.windowBytes ?? 4 * 1024 * 1024;
    this.random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    this.tx = { up: new Transmitter(this, 'up'), down: new Transmitter(this, 'down') };
    this.server = net.createServer({ allowHalfOpen: true, pauseOnConnect: false }, (sock) => this.onConnection(sock));
    this.server.on('error', () => {});
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', onError);
        const addr = this.server.address();
        if (addr && typeof addr === 'object') this.port = addr.port;
        resolve();
      });
    });
  }

  private onConnection(sock: net.Socket): void {
    this.accepted += 1;
    if (this.closed || (this.down && this.newConnMode === 'reset')) {
      sock.on('error', () => {});
      resetSocket(sock);
      return;
    }
    this.conns.add(new Conn(this, sock, this.down));
  }

  pipes(dir: Direction): Pipe[] {
    const out: Pipe[] = [];
    for (const c of this.conns) out.push(dir === 'up' ? c.up : c.down);
    return out;
  }

  /** Count `len` bytes about to be delivered; returns how many may pass and whether a cut fires. */
  account(dir: Direction, len: number): { allowed: number; cut: CutTrigger[] | null } {
    let allowed = len;
    for (const t of this.triggers) {
      if (t.direction === 'any' || t.direction === dir) allowed = Math.min(allowed, t.remaining);
    }
    const fired: CutTrigger[] = [];
    for (const t of this.triggers) {
      if (t.direction === 'any' || t.direction === dir) {
        t.remaining -= allowed;
        if (t.remaining <= 0) fired.push(t);
      }
    }
    this.bytes[dir] += allowed;
    if (fired.length === 0) return { allowed, cut: null };
    this.triggers = this.triggers.filter((t) => !fired.includes(t));
    return { allowed, cut: fired };
  }

  /** Stop all open connections (no socket action yet). */
  haltAll(): Conn[] {
    const victims = [...this.conns].filter((c) => !c.dead);
    for (const c of victims) {
      this.cutCount += 1;
      c.halt();
    }
    return victims;
  }

  resetVictims(victims: Conn[], fired: CutTrigger[]): void {
    for (const c of victims) c.resetSockets();
    for (const t of fired) t.resolve();
  }

  /**
   * Reset once the last allowed bytes are handed to the kernel (the returned callback), or after
   * 500 ms if the receiver is not reading and they never are.
   */
  resetLater(victims: Conn[], fired: CutTrigger[]): () => void {
    let done = false;
    const fire = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.cutTimers.delete(timer);
      this.resetVictims(victims, fired);
    };
    const timer = setTimeout(fire, 500);
    this.cutTimers.add(timer);
    return fire;
  }

  stats(): LinkStats {
    return {
      bytesUp: this.bytes.up,
      bytesDown: this.bytes.down,
      connections: this.accepted,
      openConnections: this.conns.size,
      cuts: this.cutCount,
    };
  }

  resetStats(): void {
    this.bytes = { up: 0, down: 0 };
    this.accepted = 0;
    this.cutCount = 0;
  }

  conditions(): LinkConditions {
    return { ...this.cond };
  }

  setProfile(profile: LinkProfile | LinkProfileId | Partial<LinkConditions>): void {
    const patch = typeof profile === 'string' ? resolveProfile(profile) : profile;
    const next = { ...this.cond, ...pickConditions(patch) };
    validate(next);
    // Settle the buckets at the old rates, then switch.
    for (const t of Object.values(this.tx)) {
      t.refill();
      t.stop();
    }
    this.cond = next;
    this.tx.up.kick();
    this.tx.down.kick();
  }

  outage(a?: number | (OutageOptions & { durationMs?: number }), b?: OutageOptions): void {
    if (this.closed) return;
    const opts: OutageOptions & { durationMs?: number } = typeof a === 'object' ? a : { ...b, durationMs: a };
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.restoreTimer = undefined;
    this.stallTimer = undefined;
    this.down = true;
    this.newConnMode = opts.newConnections ?? 'hang';
    this.tx.up.stop();
    this.tx.down.stop();
    for (const c of this.conns) {
      for (const p of [c.up, c.down]) {
        if (p.timer) clearTimeout(p.timer);
        p.timer = undefined;
      }
    }
    const stallMs = opts.stallMs ?? 1000;
    const victims = [...this.conns].filter((c) => c.state === 'open');
    if (Number.isFinite(stallMs) && victims.length > 0) {
      this.stallTimer = setTimeout(() => {
        this.stallTimer = undefined;
        for (const c of victims) if (c.state === 'open') c.cut();
      }, stallMs);
    }
    if (opts.durationMs !== undefined && Number.isFinite(opts.durationMs)) {
      this.restoreTimer = setTimeout(() => {
        this.restoreTimer = undefined;
        this.restore();
      }, opts.durationMs);
    }
  }

  restore(): void {
    if (!this.down || this.closed) return;
    this.down = false;
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.restoreTimer = undefined;
    this.stallTimer = undefined;
    const now = performance.now();
    for (const c of [...this.conns]) {
      if (c.state === 'hung') c.establish();
      else if (c.state === 'open') {
        c.up.retransmit(now);
        c.down.retransmit(now);
      }
    }
    this.tx.up.kick();
    this.tx.down.kick();
  }

  isDown(): boolean {
    return this.down;
  }

  cutAfterBytes(n: number, direction: Direction | 'any' = 'any'): Promise<void> {
    if (!(n >= 0) || !Number.isFinite(n)) throw new Error('cutAfterBytes: n must be a finite number >= 0');
    return new Promise((resolve) => {
      this.triggers.push({ direction, remaining: Math.floor(n), resolve });
    });
  }

  scheduleOutages(schedule: OutageSchedule): () => void {
    const pick = (v: number | [number, number]): number =>
      typeof v === 'number' ? v : v[0] + this.random() * (v[1] - v[0]);
    let timer: NodeJS.Timeout | undefined;
    const next = (waitMs: number): void => {
      timer = setTimeout(() => {
        const duration = pick(schedule.durationMs);
        this.outage(duration, { stallMs: schedule.stallMs, newConnections: schedule.newConnections });
        next(Math.max(pick(schedule.everyMs), duration + 1));
      }, waitMs);
    };
    const cancel = (): void => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      this.schedules.delete(cancel);
    };
    if (!this.closed) {
      this.schedules.add(cancel);
      next(pick(schedule.firstAfterMs ?? schedule.everyMs));
    }
    return cancel;
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    for (const cancel of [...this.schedules]) cancel();
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.restoreTimer = undefined;
    this.stallTimer = undefined;
    this.tx.up.stop();
    this.tx.down.stop();
    this.triggers = [];
    for (const t of this.cutTimers) clearTimeout(t);
    this.cutTimers.clear();
    const serverClosed = new Promise<void>((resolve) => {
      if (!this.server.listening) resolve();
      else this.server.close(() => resolve());
    });
    const conns = [...this.conns];
    for (const c of conns) {
      c.halt();
      c.resetSockets();
    }
    this.closing = Promise.all([serverClosed, ...conns.map((c) => c.closed)]).then(() => undefined);
    return this.closing;
  }
}

/** Start a link emulator listening on 127.0.0.1 (random port) in front of `options.target`. */
export async function startLink(options: StartLinkOptions): Promise<Link> {
  const link = new LinkEmulator(options);
  await link.listen();
  return link;
}
