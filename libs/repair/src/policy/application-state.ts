/**
 * The credit-repair application lifecycle, in one place:
 *
 *   SUBMITTED -> ACCEPTED (受理) | REJECTED (不予受理) | WITHDRAWN
 *   ACCEPTED  -> APPROVED (修复) | DENIED (不予修复)   | WITHDRAWN
 *   APPROVED  -> REVOKED (materials proved false; the record returns to ACTIVE)
 *
 * REJECTED, WITHDRAWN, DENIED and REVOKED are final.
 */
export type ApplicationStatus =
  'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN' | 'APPROVED' | 'DENIED' | 'REVOKED';

export type ApplicationAction = 'accept' | 'reject' | 'approve' | 'deny' | 'withdraw' | 'revoke';

export type ApplicationRole = 'REGULATOR' | 'ENTERPRISE';

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'WITHDRAWN',
  'APPROVED',
  'DENIED',
  'REVOKED',
];

export const APPLICATION_ACTIONS: readonly ApplicationAction[] = [
  'accept',
  'reject',
  'approve',
  'deny',
  'withdraw',
  'revoke',
];

const TRANSITIONS: Record<
  ApplicationStatus,
  Partial<Record<ApplicationAction, ApplicationStatus>>
> = {
  SUBMITTED: { accept: 'ACCEPTED', reject: 'REJECTED', withdraw: 'WITHDRAWN' },
  ACCEPTED: { approve: 'APPROVED', deny: 'DENIED', withdraw: 'WITHDRAWN' },
  APPROVED: { revoke: 'REVOKED' },
  REJECTED: {},
  WITHDRAWN: {},
  DENIED: {},
  REVOKED: {},
};

/** Who may perform each action: the enterprise only withdraws its own application. */
export const ACTION_ROLE: Readonly<Record<ApplicationAction, ApplicationRole>> = {
  accept: 'REGULATOR',
  reject: 'REGULATOR',
  approve: 'REGULATOR',
  deny: 'REGULATOR',
  revoke: 'REGULATOR',
  withdraw: 'ENTERPRISE',
};

/** Adverse decisions must state their reasons (不予受理、不予修复 and revocation). */
export const REASON_REQUIRED: ReadonlySet<ApplicationAction> = new Set([
  'reject',
  'deny',
  'revoke',
]);

export type TransitionRefusal =
  | { code: 'NOT_ALLOWED_FROM_STATUS'; status: ApplicationStatus; action: ApplicationAction }
  | { code: 'ROLE_NOT_PERMITTED'; role: ApplicationRole; action: ApplicationAction }
  | { code: 'REASON_REQUIRED'; action: ApplicationAction };

export type TransitionResult =
  { ok: true; status: ApplicationStatus } | { ok: false; refusal: TransitionRefusal };

/** The status after `action`, or why the lifecycle forbids it. */
export function transition(status: ApplicationStatus, action: ApplicationAction): TransitionResult {
  const next = TRANSITIONS[status][action];
  return next
    ? { ok: true, status: next }
    : { ok: false, refusal: { code: 'NOT_ALLOWED_FROM_STATUS', status, action } };
}

/**
 * The full check before acting: role first (it does not depend on the
 * application), then the lifecycle, then the reason.
 */
export function authorizeTransition(
  status: ApplicationStatus,
  action: ApplicationAction,
  actor: { role: ApplicationRole; reason?: string | null },
): TransitionResult {
  if (ACTION_ROLE[action] !== actor.role) {
    return { ok: false, refusal: { code: 'ROLE_NOT_PERMITTED', role: actor.role, action } };
  }
  const result = transition(status, action);
  if (result.ok && REASON_REQUIRED.has(action) && !actor.reason?.trim()) {
    return { ok: false, refusal: { code: 'REASON_REQUIRED', action } };
  }
  return result;
}

/** Actions the lifecycle allows from `status` (any role). */
export function allowedActions(status: ApplicationStatus): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((a) => TRANSITIONS[status][a] !== undefined);
}

/**
 * What `role` may do to an application in `status` now: the lifecycle's
 * actions that are that role's. An admin decides nothing (the API's roles say so too).
 */
export function actionsFor(
  status: ApplicationStatus,
  role: 'admin' | 'regulator' | 'enterprise',
): ApplicationAction[] {
  if (role === 'admin') return [];
  const mine: ApplicationRole = role === 'enterprise' ? 'ENTERPRISE' : 'REGULATOR';
  return allowedActions(status).filter((a) => ACTION_ROLE[a] === mine);
}

/** Open applications count against the one-open-application-per-record limit. */
export function isOpen(status: ApplicationStatus): boolean {
  return status === 'SUBMITTED' || status === 'ACCEPTED';
}

export function isFinal(status: ApplicationStatus): boolean {
  return allowedActions(status).length === 0;
}
