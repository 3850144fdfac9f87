import { JiebangError, toErrorPayload } from '../domain/errors';
import type { ServiceContext } from '../services/context';
import { handlers } from '../services/api';
import type { MethodName } from './index';
import { contract } from './index';
import type { Result } from './result';

function isMethod(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/**
 * Calls a contract method with an untrusted payload: unknown methods and payloads that do not
 * parse are refused before any service runs; every outcome is a Result, never a throw.
 */
export function dispatch(ctx: ServiceContext, method: unknown, payload: unknown): Result<unknown> {
  try {
    if (!isMethod(method)) {
      throw new JiebangError('UNKNOWN_METHOD', `未知的方法：${String(method).slice(0, 80)}`, `Unknown method: ${String(method).slice(0, 80)}`);
    }
    const parsed = contract[method].safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
      throw new JiebangError('VALIDATION', `输入有误：${issues.join('；')}`, `Invalid input: ${issues.join('; ')}`, { issues: parsed.error.issues.slice(0, 20) });
    }
    const handler = handlers[method] as (c: ServiceContext, input: unknown) => unknown;
    return { ok: true, value: handler(ctx, parsed.data) };
  } catch (err) {
    return { ok: false, error: toErrorPayload(err) };
  }
}
