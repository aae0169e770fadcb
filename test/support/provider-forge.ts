import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/**
 * A token with any header and claims, signed with the embedded provider's
 * real key (this run's IDP_KEYS_FILE): what a provider could sign but should
 * not (a crit header, a lifetime of years), to show the API refuses it for
 * what it says, not for its signature.
 */
export function signWithProviderKey(header: Record<string, unknown>, claims: object): string {
  const jwk = JSON.parse(readFileSync(process.env.IDP_KEYS_FILE!, 'utf8')).keys[0];
  const input = `${b64({ alg: jwk.alg, kid: jwk.kid, ...header })}.${b64(claims)}`;
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}
