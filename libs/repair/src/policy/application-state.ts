/**
 * The credit-repair application lifecycle, in one place:
 *
 *   SUBMITTED          -> ACCEPTED (受理) | REJECTED (不予受理) | WITHDRAWN
 *                         | AWAITING_MATERIALS (补正: once, named missing materials)
 *   AWAITING_MATERIALS -> SUBMITTED (the enterprise supplies them; the acceptance clock
 *                         restarts) | WITHDRAWN (by the enterprise, or no reply in time)
 *   ACCEPTED           -> APPROVED (修复) | DENIED (不予修复) | WITHDRAWN
 *   APPROVED           -> REVOKED (materials proved false; the record returns to ACTIVE)
 *
 * REJECTED, WITHDRAWN, DENIED and REVOKED are final.
 */
export type ApplicationStatus =
  | 'SUBMITTED'
  | 'AWAITING_MATERIALS'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'WITHDRAWN'
  | 'APPROVED'
  | 'DENIED'
  | 'REVOKED';

export type ApplicationAction =
  | 'accept'
  | 'reject'
  | 'request-materials'
  | 'supply-materials'
  | 'approve'
  | 'deny'
  | 'withdraw'
  | 'revoke';

export type ApplicationRole = 'REGULATOR' | 'ENTERPRISE';

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'SUBMITTED',
  'AWAITING_MATERIALS',
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
  'request-materials',
  'supply-materials',
  'approve',
  'deny',
  'withdraw',
  'revoke',
];

const TRANSITIONS: Record<
  ApplicationStatus,
  Partial<Record<ApplicationAction, ApplicationStatus>>
> = {
  SUBMITTED: {
    accept: 'ACCEPTED',
    reject: 'REJECTED',
    'request-materials': 'AWAITING_MATERIALS',
    withdraw: 'WITHDRAWN',
  },
  AWAITING_MATERIALS: { 'supply-materials': 'SUBMITTED', withdraw: 'WITHDRAWN' },
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
  'request-materials': 'REGULATOR',
  'supply-materials': 'ENTERPRISE',
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
  | { code: 'MATERIALS_ALREADY_REQUESTED'; action: ApplicationAction }
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
  history: { materialsRequested?: boolean } = {},
): TransitionResult {
  if (ACTION_ROLE[action] !== actor.role) {
    return { ok: false, refusal: { code: 'ROLE_NOT_PERMITTED', role: actor.role, action } };
  }
  const result = transition(status, action);
  // 一次性告知: missing materials are asked for once, all together.
  if (result.ok && action === 'request-materials' && history.materialsRequested) {
    return { ok: false, refusal: { code: 'MATERIALS_ALREADY_REQUESTED', action } };
  }
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
  history: { materialsRequested?: boolean } = {},
): ApplicationAction[] {
  if (role === 'admin') return [];
  const mine: ApplicationRole = role === 'enterprise' ? 'ENTERPRISE' : 'REGULATOR';
  return allowedActions(status).filter(
    (a) => ACTION_ROLE[a] === mine && !(a === 'request-materials' && history.materialsRequested),
  );
}

/** Open applications count against the one-open-application-per-record limit. */
export function isOpen(status: ApplicationStatus): boolean {
  return status === 'SUBMITTED' || status === 'AWAITING_MATERIALS' || status === 'ACCEPTED';
}

export function isFinal(status: ApplicationStatus): boolean {
  return allowedActions(status).length === 0;
}
