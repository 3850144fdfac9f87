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
 * parse are refused before any service runs; every outcome is a Result, never a throw. The few
 * methods that wait on the network (sync.enrol) answer with a promise: the bridges await it.
 */
export function dispatchAsync(ctx: ServiceContext, method: unknown, payload: unknown): Result<unknown> | Promise<Result<unknown>> {
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
    const value = handler(ctx, parsed.data);
    // the few methods that wait on the network answer later; their errors become Results too
    if (value instanceof Promise) {
      return value.then(
        (resolved): Result<unknown> => ({ ok: true, value: resolved }),
        (err: unknown): Result<unknown> => ({ ok: false, error: toErrorPayload(err) }),
      );
    }
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toErrorPayload(err) };
  }
}

/** The synchronous form for in-process callers (seeding, the CLI, tests); network methods are refused. */
export function dispatch(ctx: ServiceContext, method: unknown, payload: unknown): Result<unknown> {
  const result = dispatchAsync(ctx, method, payload);
  if (result instanceof Promise) {
    result.catch(() => undefined);
    return { ok: false, error: toErrorPayload(new JiebangError('RULE', `${String(method)} 需要网络，不能同步调用`, `${String(method)} waits on the network; call it through dispatchAsync`)) };
  }
  return result;
}
