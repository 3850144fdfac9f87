import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, methodNames } from '../../main/contract';
import { dispatch } from '../../main/contract/dispatch';
import { makeOrg, openTestStore } from '../support/store';
import { publishedChallenge } from '../support/flow';

/**
 * Every contract method against payloads that do not fit its schema: each is refused with a
 * VALIDATION error, no service runs, and the database does not change by a single row.
 */
function shapeKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function badPayload(keys: string[]) {
  const wrongValue = fc.oneof(
    fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.string({ maxLength: 3 }), fc.string({ minLength: 3000, maxLength: 3100 }),
    fc.array(fc.anything(), { maxLength: 3 }), fc.object({ maxDepth: 2 }), fc.constant('../../etc/passwd'), fc.constant("'; DROP TABLE challenges; --"),
  );
  return fc.oneof(
    fc.anything(),
    keys.length ? fc.record(Object.fromEntries(keys.map((k) => [k, wrongValue])), { requiredKeys: [] }) : fc.anything(),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'x', ...keys), wrongValue),
    fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
  );
}

describe('the bridge refuses bad payloads for every method', () => {
  it('≥ 1,000 random bad payloads per run across all methods: VALIDATION, nothing changed', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    publishedChallenge(s, org);
    s.ctx.actorId = org.officer;
    const changes = () => s.db.prepare('SELECT total_changes()').pluck().get() as number;
    const ops = () => s.db.prepare('SELECT count(*) FROM sync_ops').pluck().get() as number;
    const before = { changes: changes(), ops: ops() };
    let tried = 0;
    for (const method of methodNames) {
      const schema = contract[method] as z.ZodType;
      fc.assert(
        fc.property(badPayload(shapeKeys(schema)).filter((p) => !schema.safeParse(p ?? {}).success), (payload) => {
          tried++;
          const result = dispatch(s.ctx, method, payload);
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error.code).toBe('VALIDATION');
            expect(result.error.message).toMatch(/^输入有误/);
            expect(result.error.messageEn).toMatch(/^Invalid input/);
          }
        }),
        { numRuns: 25 },
      );
    }
    expect(tried).toBeGreaterThanOrEqual(1000);
    expect(changes()).toBe(before.changes);
    expect(ops()).toBe(before.ops);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('unknown or inherited method names are refused before any service runs', () => {
    const s = openTestStore();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'boards', 'boards.list ', 'BOARDS.LIST', '', 42, null, undefined, { method: 'boards.list' }]) {
      const result = dispatch(s.ctx, name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('UNKNOWN_METHOD');
    }
  });

  it('strict schemas refuse unknown keys instead of silently dropping them', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const result = s.attempt(org.officer, 'boards.list', { status: 'draft', evil: 1 } as never);
    expect(result.ok).toBe(false);
  });

  it('a good payload after all that still works', () => {
    const s = openTestStore();
    const org = makeOrg(s);
    const { boardId } = publishedChallenge(s, org);
    const result = s.attempt(org.officer, 'boards.view', { id: boardId });
    expect(result.ok).toBe(true);
  });
});
