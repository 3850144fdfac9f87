/**
 * Hybrid logical clock. A stamp is `<wall ms, 15 digits>:<counter, 4 base-36 digits>:<replica id>`,
 * so plain string comparison orders stamps, and equal wall/counter pairs fall back to the replica
 * id — a deterministic tie-break. The clock never goes backwards, whatever the wall clock does.
 */
export interface Hlc {
  wall: number;
  counter: number;
  replicaId: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;

export function formatHlc(h: Hlc): string {
  return `${String(h.wall).padStart(WALL_DIGITS, '0')}:${h.counter.toString(36).padStart(COUNTER_DIGITS, '0')}:${h.replicaId}`;
}

const STAMP = /^(\d{15}):([0-9a-z]{4}):([A-Za-z0-9_-]{1,64})$/;

export function parseHlc(stamp: string): Hlc {
  const m = STAMP.exec(stamp);
  if (!m) throw new Error(`not a clock stamp: ${stamp.slice(0, 100)}`);
  return { wall: Number(m[1]), counter: parseInt(m[2] as string, 36), replicaId: m[3] as string };
}

export function isHlc(stamp: unknown): stamp is string {
  return typeof stamp === 'string' && STAMP.test(stamp);
}

/** The next stamp for a local event at wall time `now`. */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.wall) return { wall: now, counter: 0, replicaId: last.replicaId };
  if (last.counter >= MAX_COUNTER) return { wall: last.wall + 1, counter: 0, replicaId: last.replicaId };
  return { wall: last.wall, counter: last.counter + 1, replicaId: last.replicaId };
}

/** Advances the local clock past a stamp received from another replica. */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  const wall = Math.max(last.wall, remote.wall, now);
  let counter: number;
  if (wall === last.wall && wall === remote.wall) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last.wall) counter = last.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, replicaId: last.replicaId };
  return { wall, counter, replicaId: last.replicaId };
}
