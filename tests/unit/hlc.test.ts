import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc, receive, tick } from '../../main/sync/hlc';

describe('hybrid logical clock', () => {
  const start = { wall: 0, counter: 0, replicaId: 'r1' };
  it('formats to sortable strings and parses back', () => {
    const h = { wall: 1_790_000_000_000, counter: 35, replicaId: 'abc_-1' };
    expect(parseHlc(formatHlc(h))).toEqual(h);
    expect(() => parseHlc('garbage')).toThrow();
  });
  it('never goes backwards, whatever the wall clock does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let h = start;
        let prev = formatHlc(h);
        for (const now of walls) {
          h = tick(h, now);
          const next = formatHlc(h);
          expect(next > prev).toBe(true);
          prev = next;
        }
      }),
    );
  });
  it('a clock reset to 2016 keeps counting from the last stamp', () => {
    const later = tick(start, Date.parse('2026-11-24T00:00:00Z'));
    const afterReset = tick(later, Date.parse('2016-01-01T00:00:00Z'));
    expect(formatHlc(afterReset) > formatHlc(later)).toBe(true);
    expect(afterReset.wall).toBe(later.wall);
  });
  it('receive moves past the remote stamp even when the local wall clock is 48 h behind', () => {
    const local = tick(start, 1_000_000);
    const remote = { wall: 1_000_000 + 48 * 3_600_000, counter: 7, replicaId: 'r2' };
    const merged = receive(local, remote, 1_000_500);
    expect(merged.wall).toBe(remote.wall);
    expect(merged.counter).toBe(8);
    expect(formatHlc(merged) > formatHlc(remote)).toBe(true);
    expect(merged.replicaId).toBe('r1');
  });
  it('equal wall and counter are ordered by replica id', () => {
    expect(formatHlc({ wall: 5, counter: 1, replicaId: 'a' }) < formatHlc({ wall: 5, counter: 1, replicaId: 'b' })).toBe(true);
  });
});
