import {
  ACTION_ROLE,
  actionsFor,
  allowedActions,
  APPLICATION_ACTIONS,
  APPLICATION_STATUSES,
  ApplicationAction,
  ApplicationStatus,
  authorizeTransition,
  isFinal,
  isOpen,
  REASON_REQUIRED,
  transition,
} from './application-state';

const ALLOWED: Record<string, ApplicationStatus> = {
  'SUBMITTED accept': 'ACCEPTED',
  'SUBMITTED reject': 'REJECTED',
  'SUBMITTED withdraw': 'WITHDRAWN',
  'SUBMITTED request-materials': 'AWAITING_MATERIALS',
  'AWAITING_MATERIALS supply-materials': 'SUBMITTED',
  'AWAITING_MATERIALS withdraw': 'WITHDRAWN',
  'ACCEPTED approve': 'APPROVED',
  'ACCEPTED deny': 'DENIED',
  'ACCEPTED withdraw': 'WITHDRAWN',
  'APPROVED revoke': 'REVOKED',
};

const ALL = APPLICATION_STATUSES.flatMap((s) => APPLICATION_ACTIONS.map((a) => [s, a] as const));

describe('application state machine', () => {
  it.each(ALL.filter(([s, a]) => ALLOWED[`${s} ${a}`]))('%s --%s--> allowed', (status, action) => {
    expect(transition(status, action)).toEqual({
      ok: true,
      status: ALLOWED[`${status} ${action}`],
    });
  });

  it.each(ALL.filter(([s, a]) => !ALLOWED[`${s} ${a}`]))('%s --%s--> refused', (status, action) => {
    expect(transition(status, action)).toEqual({
      ok: false,
      refusal: { code: 'NOT_ALLOWED_FROM_STATUS', status, action },
    });
  });

  it('has exactly the ten allowed transitions', () => {
    expect(ALL.filter(([s, a]) => transition(s, a).ok)).toHaveLength(10);
  });

  it('gives the regulator every decision and the enterprise its reply and withdrawal', () => {
    const byRole = (role: string) => APPLICATION_ACTIONS.filter((a) => ACTION_ROLE[a] === role);
    expect(byRole('REGULATOR')).toEqual([
      'accept',
      'reject',
      'request-materials',
      'approve',
      'deny',
      'revoke',
    ]);
    expect(byRole('ENTERPRISE')).toEqual(['supply-materials', 'withdraw']);
  });

  it('asks for missing materials once (一次性告知): a second request is refused', () => {
    expect(authorizeTransition('SUBMITTED', 'request-materials', { role: 'REGULATOR' })).toEqual({
      ok: true,
      status: 'AWAITING_MATERIALS',
    });
    expect(
      authorizeTransition(
        'SUBMITTED',
        'request-materials',
        { role: 'REGULATOR' },
        { materialsRequested: true },
      ),
    ).toEqual({
      ok: false,
      refusal: { code: 'MATERIALS_ALREADY_REQUESTED', action: 'request-materials' },
    });
    // From ACCEPTED it is the lifecycle that refuses.
    expect(
      authorizeTransition('ACCEPTED', 'request-materials', { role: 'REGULATOR' }),
    ).toMatchObject({ ok: false, refusal: { code: 'NOT_ALLOWED_FROM_STATUS' } });
    expect(actionsFor('SUBMITTED', 'regulator', { materialsRequested: true })).toEqual([
      'accept',
      'reject',
    ]);
  });

  it('requires reasons for reject, deny and revoke only', () => {
    expect([...REASON_REQUIRED].sort()).toEqual(['deny', 'reject', 'revoke']);
  });

  it.each<[ApplicationStatus, ApplicationAction, 'REGULATOR' | 'ENTERPRISE']>([
    ['SUBMITTED', 'accept', 'ENTERPRISE'],
    ['ACCEPTED', 'approve', 'ENTERPRISE'],
    ['SUBMITTED', 'withdraw', 'REGULATOR'],
    ['APPROVED', 'revoke', 'ENTERPRISE'],
  ])('refuses %s --%s-- by the %s', (status, action, role) => {
    expect(authorizeTransition(status, action, { role, reason: 'x' })).toEqual({
      ok: false,
      refusal: { code: 'ROLE_NOT_PERMITTED', role, action },
    });
  });

  it.each<[ApplicationStatus, ApplicationAction]>([
    ['SUBMITTED', 'reject'],
    ['ACCEPTED', 'deny'],
    ['APPROVED', 'revoke'],
  ])('refuses %s --%s-- without a reason', (status, action) => {
    for (const reason of [undefined, null, '', '   ']) {
      expect(authorizeTransition(status, action, { role: 'REGULATOR', reason })).toEqual({
        ok: false,
        refusal: { code: 'REASON_REQUIRED', action },
      });
    }
    expect(authorizeTransition(status, action, { role: 'REGULATOR', reason: '材料虚假' }).ok).toBe(
      true,
    );
  });

  it('authorises actions that need no reason and checks the lifecycle', () => {
    expect(authorizeTransition('SUBMITTED', 'accept', { role: 'REGULATOR' })).toEqual({
      ok: true,
      status: 'ACCEPTED',
    });
    expect(authorizeTransition('ACCEPTED', 'withdraw', { role: 'ENTERPRISE' })).toEqual({
      ok: true,
      status: 'WITHDRAWN',
    });
    expect(authorizeTransition('APPROVED', 'withdraw', { role: 'ENTERPRISE' })).toMatchObject({
      ok: false,
      refusal: { code: 'NOT_ALLOWED_FROM_STATUS' },
    });
    // The lifecycle refusal comes before a missing reason.
    expect(authorizeTransition('DENIED', 'deny', { role: 'REGULATOR' })).toMatchObject({
      refusal: { code: 'NOT_ALLOWED_FROM_STATUS' },
    });
  });

  it('knows open and final statuses', () => {
    expect(APPLICATION_STATUSES.filter(isOpen)).toEqual([
      'SUBMITTED',
      'AWAITING_MATERIALS',
      'ACCEPTED',
    ]);
    expect(APPLICATION_STATUSES.filter(isFinal)).toEqual([
      'REJECTED',
      'WITHDRAWN',
      'DENIED',
      'REVOKED',
    ]);
    expect(allowedActions('SUBMITTED')).toEqual([
      'accept',
      'reject',
      'request-materials',
      'withdraw',
    ]);
    expect(allowedActions('APPROVED')).toEqual(['revoke']);
  });

  it('offers each role only its own actions: an enterprise never 受理/批准, a regulator never 撤回', () => {
    expect(actionsFor('SUBMITTED', 'enterprise')).toEqual(['withdraw']);
    expect(actionsFor('SUBMITTED', 'regulator')).toEqual(['accept', 'reject', 'request-materials']);
    expect(actionsFor('AWAITING_MATERIALS', 'enterprise')).toEqual([
      'supply-materials',
      'withdraw',
    ]);
    expect(actionsFor('AWAITING_MATERIALS', 'regulator')).toEqual([]);
    expect(actionsFor('ACCEPTED', 'enterprise')).toEqual(['withdraw']);
    expect(actionsFor('ACCEPTED', 'regulator')).toEqual(['approve', 'deny']);
    expect(actionsFor('APPROVED', 'enterprise')).toEqual([]);
    expect(actionsFor('APPROVED', 'regulator')).toEqual(['revoke']);
    for (const s of APPLICATION_STATUSES) expect(actionsFor(s, 'admin')).toEqual([]);
  });
});
