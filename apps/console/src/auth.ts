import {
  UserManager,
  WebStorageStateStore,
  type SigninSilentArgs,
  type User,
} from 'oidc-client-ts';

/**
 * Sign-in through the service's OpenID provider (authorization code + PKCE,
 * by oidc-client-ts). The signed-in user lives in localStorage, so a second
 * tab of the console is signed in too, and the provider's session is what
 * lasts: 退出 ends it for every tab. The access token is renewed with the
 * refresh token before it expires. Claims are read for display and to choose
 * what to offer (an admin's run button); the API verifies the token on every
 * call and decides.
 */
export type Role = 'admin' | 'regulator' | 'enterprise';

export interface Claims {
  sub: string;
  role: Role;
  name?: string;
  region?: string;
  uscc?: string;
}

const origin = window.location.origin;

/**
 * Renewals take turns across the browser's tabs (Web Locks). The provider rotates
 * a public client's refresh token on each use and, when a used one comes back,
 * revokes the whole grant: two tabs renewing at the same moment with the same
 * stored refresh token (their timers read the same expiry, and hidden tabs wake
 * on the same minute) would sign every tab out. Inside the lock the stored user
 * is read again, so a tab that waited takes the token the other tab just got.
 */
class SharedRenewalUserManager extends UserManager {
  override async signinSilent(args?: SigninSilentArgs): Promise<User | null> {
    const renew = async () => {
      const stored = await this.getUser();
      const margin = this.settings.accessTokenExpiringNotificationTimeInSeconds;
      if (stored && (stored.expires_in ?? 0) > margin) {
        await this.events.load(stored); // userLoaded: API calls use the new token
        return stored;
      }
      return super.signinSilent(args);
    };
    // Web Locks need a secure context, as PKCE's crypto.subtle does; without them, renew alone.
    return navigator.locks ? navigator.locks.request('crs.console.renew', renew) : renew();
  }
}

export const userManager = new SharedRenewalUserManager({
  authority: `${origin}/idp`,
  client_id: 'crs-console',
  redirect_uri: `${origin}/console/callback`,
  post_logout_redirect_uri: `${origin}/console/`,
  scope: 'openid profile offline_access api',
  userStore: new WebStorageStateStore({ store: window.localStorage }),
  automaticSilentRenew: true,
  // The ID token carries name, role, region and uscc: no userinfo round trip.
  loadUserInfo: false,
});

/** The key under which the user is stored: another tab's change to it is a sign-in or -out there. */
export const USER_STORAGE_KEY = `oidc.user:${origin}/idp:crs-console`;

let current: User | null = null;

/**
 * The access token for an API call. When it has expired (the computer slept, or
 * a hidden tab's timer ran late) it is renewed first, instead of sending no token
 * and ending a session whose refresh token is still good.
 */
export async function accessToken(): Promise<string | null> {
  if (current?.expired) await renew();
  return current && !current.expired ? current.access_token : null;
}

let renewing: Promise<User | null> | null = null;

/**
 * Renews the access token with the refresh token (one request however many
 * callers ask at once); null when the session cannot be renewed any more.
 */
export function renew(): Promise<User | null> {
  renewing ??= userManager
    .signinSilent()
    .then((user) => {
      setCurrentUser(user);
      return user && !user.expired ? user : null;
    })
    .catch(() => null)
    .finally(() => (renewing = null));
  return renewing;
}

/** Remembers the user API calls are made for; null when signed out. */
export function setCurrentUser(user: User | null): Claims | null {
  current = user && !user.expired ? user : null;
  return current ? claimsOf(current) : null;
}

function claimsOf(user: User): Claims | null {
  const p = user.profile as Record<string, unknown>;
  const role = p.role;
  if (role !== 'admin' && role !== 'regulator' && role !== 'enterprise') return null;
  return {
    sub: String(p.sub),
    role,
    name: typeof p.name === 'string' ? p.name : undefined,
    region: typeof p.region === 'string' ? p.region : undefined,
    uscc: typeof p.uscc === 'string' ? p.uscc : undefined,
  };
}

/** Where to come back to after the provider: the page the person wanted. */
export function signIn(returnTo: string): Promise<void> {
  return userManager.signinRedirect({ state: { returnTo } });
}
