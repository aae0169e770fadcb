import { randomUUID } from 'node:crypto';

/**
 * Request ids. Ours is always made here (a UUID): it is what the response's
 * X-Request-Id, the log line and the audit row carry, so a client cannot
 * choose the id an audited read is filed under or collide with another
 * request's. What a client or proxy sent in X-Request-Id is kept beside it,
 * labelled as theirs, to correlate with their logs.
 */
export const newRequestId = (): string => randomUUID();

/** The X-Request-Id a client sent, when it is a plain token (else null: never logged as sent). */
export function clientRequestIdOf(header: unknown): string | null {
  return typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : null;
}
