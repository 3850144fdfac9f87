/** A refusal by the hub: an HTTP status, a stable code, and the reason in both languages. */
export class HubError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'HubError';
  }

  toBody() {
    return { error: { code: this.code, message: this.zh, messageEn: this.en, ...(this.details ? { details: this.details } : {}) } };
  }
}
