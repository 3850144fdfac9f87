/** Every refusal the app gives: a stable code and a message in both languages. */
export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'FORBIDDEN'
  | 'RULE'
  | 'UNKNOWN_METHOD'
  | 'BAD_SENDER'
  | 'DB_NEWER'
  | 'DB_CORRUPT'
  | 'INTERNAL';

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  messageEn: string;
  details?: unknown;
}

export class JiebangError extends Error {
  readonly code: ErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(code: ErrorCode, zh: string, en: string, details?: unknown) {
    super(`${zh} / ${en}`);
    this.name = 'JiebangError';
    this.code = code;
    this.messageZh = zh;
    this.messageEn = en;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    const payload: ErrorPayload = { code: this.code, message: this.messageZh, messageEn: this.messageEn };
    if (this.details !== undefined) payload.details = this.details;
    return payload;
  }
}

export const notFound = (what: string, whatEn: string, id: string) =>
  new JiebangError('NOT_FOUND', `找不到${what}（${id}）`, `${whatEn} not found (${id})`, { id });

export const ruleError = (zh: string, en: string, details?: unknown) => new JiebangError('RULE', zh, en, details);

export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof JiebangError) return err.toPayload();
  const text = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `内部错误：${text}`, messageEn: `Internal error: ${text}` };
}
