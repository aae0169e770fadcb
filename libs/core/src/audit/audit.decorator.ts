import { SetMetadata } from '@nestjs/common';

export const AUDIT_KEY = 'audit';

/** What the handler saw and returned, for naming the audited resource. */
export interface AuditSubject {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  body: unknown;
  result: unknown;
}

export interface AuditSpec {
  action: string;
  /** The resource's name; default: `:uscc`, else `:id`, else the `id` of the result. */
  resource?: (s: AuditSubject) => unknown;
}

/**
 * Records every call of the handler in the audit trail (AuditGuard),
 * whatever its outcome, once the response is sent.
 */
export const Audit = (action: string, resource?: AuditSpec['resource']) =>
  SetMetadata(AUDIT_KEY, { action, resource } satisfies AuditSpec);
