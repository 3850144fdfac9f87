import { createContext, useContext } from 'react';
import type { JiebangApi, Result } from '../../../main/contract/index';
import type { ErrorPayload } from '../../../main/domain/errors';

/** The contract the views call: the real bridge in the app, a real in-process store in tests. */
export const ApiContext = createContext<JiebangApi | null>(null);

export function useApi(): JiebangApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('ApiContext is missing: wrap the app in <ApiContext.Provider>');
  return api;
}

/** A refused or failed call, carrying the service's own reason in both languages. */
export class ApiError extends Error {
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  constructor(payload: { code: ErrorPayload['code'] | 'IPC'; message: string; messageEn: string }) {
    super(payload.message);
    this.code = payload.code;
    this.messageZh = payload.message;
    this.messageEn = payload.messageEn;
  }
  /** the reason in the reader's language */
  text(language: string): string {
    return language.startsWith('zh') ? this.messageZh : this.messageEn;
  }
}

/** The value of a call, or an ApiError; a broken bridge becomes an ApiError too. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (err) {
    throw new ApiError({ code: 'IPC', message: `与揭榜主程序通信失败：${String(err)}`, messageEn: `The Jiebang bridge failed: ${String(err)}` });
  }
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function errorText(err: unknown, language: string): string {
  if (err instanceof ApiError) return err.text(language);
  return err instanceof Error ? err.message : String(err);
}
