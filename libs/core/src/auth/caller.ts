export type Role = 'admin' | 'regulator' | 'enterprise';
export const ROLES: readonly Role[] = ['admin', 'regulator', 'enterprise'];

/** Who is asking, as proven by the bearer token. */
export interface Caller {
  sub: string;
  role: Role;
  /** regulator: jurisdiction prefix, e.g. '33', '3301', '330106'. */
  region?: string;
  /** enterprise: its own USCC. */
  uscc?: string;
}
