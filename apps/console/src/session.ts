/**
 * The sign-in: a bearer token pasted by the user (issued by the deployment's identity
 * provider), kept in sessionStorage only — gone when the tab closes, never in
 * localStorage or a cookie. The claims are decoded for display and to choose what to
 * offer (an admin's run button); the API verifies the token on every call and decides.
 */
export type Role = 'admin' | 'regulator' | 'enterprise';

export interface Claims {
  sub: string;
  role: Role;
  region?: string;
  uscc?: string;
  exp?: number;
}

const KEY = 'crs.console.token';

export function readToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}

/** The payload of a JWT, or an error code when it is not one the console can use. */
export function decodeClaims(token: string): Claims | 'malformed' | 'expired' {
  const parts = token.split('.');
  if (parts.length !== 3) return 'malformed';
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Claims;
    if (!claims || typeof claims.role !== 'string' || typeof claims.sub !== 'string') {
      return 'malformed';
    }
    if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return 'expired';
    return claims;
  } catch {
    return 'malformed';
  }
}
