import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldStatus } from '../../main/domain/status-fold';
import type { TransitionEvent } from '../../main/domain/status-fold';

const ev = (id: string, hlc: string, from: string, to: string, action = `challenge.${to}`): TransitionEvent => ({ id, hlc, action, from, to });

describe('status folded from transition events', () => {
  it('follows the events in clock order', () => {
    const r = foldStatus([ev('b', '02', 'pledged', 'in_progress'), ev('a', '01', 'appointed', 'pledged'), ev('c', '03', 'in_progress', 'suspended')]);
    expect(r).toEqual({ status: 'suspended', conflicts: [] });
  });

  it('keeps an out-of-place transition as a conflict instead of letting the later clock win', () => {
    // HQ terminates at 10:00; the site, offline, starts work at 11:00 from the status it last saw
    const terminate = ev('hq', '10', 'pledged', 'terminated');
    const start = ev('site', '11', 'pledged', 'in_progress');
    const r = foldStatus([start, terminate]);
    expect(r.status).toBe('terminated');
    expect(r.conflicts).toEqual([{ event: start, found: 'terminated' }]);
  });

  it('a row without transition events keeps its created status', () => {
    expect(foldStatus([])).toEqual({ status: null, conflicts: [] });
  });

  it('self-transitions (another signature on a partially signed pledge) apply', () => {
    const r = foldStatus([ev('1', '1', 'ready_to_sign', 'partially_signed'), ev('2', '2', 'partially_signed', 'partially_signed'), ev('3', '3', 'partially_signed', 'signed')]);
    expect(r).toEqual({ status: 'signed', conflicts: [] });
  });

  it('gives every replica the same answer whatever order the events arrived in', () => {
    const states = ['a', 'b', 'c', 'd'];
    const event = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      hlc: fc.string({ minLength: 1, maxLength: 3 }),
      action: fc.constant('x'),
      from: fc.constantFrom(...states),
      to: fc.constantFrom(...states),
    });
    fc.assert(
      fc.property(fc.uniqueArray(event, { selector: (e) => e.id, maxLength: 12 }), fc.nat(), (events, seed) => {
        const shuffled = [...events].sort((x, y) => ((x.id.charCodeAt(0) * 31 + seed) % 7) - ((y.id.charCodeAt(0) * 31 + seed) % 7));
        expect(foldStatus(shuffled)).toEqual(foldStatus(events));
      }),
      { numRuns: 500 },
    );
  });
});
