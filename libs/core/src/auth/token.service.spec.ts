import { UnauthorizedException } from '@nestjs/common';
import { createHmac, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
} from 'jose';
import { AppConfig } from '../config/app-config';
import { TokenService } from './token.service';
import { VerificationKeys } from './verification-keys';

const SECRET = 'unit-secret-0123456789-0123456789-abcdef';
const ISSUER = 'https://idp.example.gov.cn/realms/samr';
const now = () => Math.floor(Date.now() / 1000);

/** The provider's keys as the resource server sees them: a local JWKS. */
class FixedKeys extends VerificationKeys {
  readonly getKey: ReturnType<typeof createLocalJWKSet>;
  constructor(jwks: Parameters<typeof createLocalJWKSet>[0]) {
    super();
    this.getKey = createLocalJWKSet(jwks);
  }
  health() {
    return { status: 'up' as const, detail: 'fixed' };
  }
}

let providerKey: CryptoKey;
let publicPem: string;
let provider: TokenService; // OIDC only (JWT_SECRET unset: the default)
let legacy: TokenService; // OIDC and HS256 with JWT_SECRET

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  providerKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keys = new FixedKeys({ keys: [jwk] });
  const env = { NODE_ENV: 'test', OIDC_ISSUER: ISSUER };
  provider = new TokenService(AppConfig.fromEnvironment(env), keys);
  legacy = new TokenService(AppConfig.fromEnvironment({ ...env, JWT_SECRET: SECRET }), keys);
});

const good = (overrides: Record<string, unknown> = {}): JWTPayload => ({
  sub: 'regulator-1',
  role: 'regulator',
  region: '3301',
  iss: ISSUER,
  aud: 'credit-risk-api',
  iat: now(),
  exp: now() + 600,
  ...overrides,
});

/** A token as the provider signs it: ES256 with its key k1. */
const signed = (claims: JWTPayload, header: Record<string, unknown> = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt', ...header })
    .sign(providerKey);

const b64 = (v: object | Buffer) =>
  (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

/** Builds a token by hand, as an attacker would: any header, any claims, any signature. */
function forge(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  signer: (input: string) => string = (input) =>
    createHmac('sha256', SECRET).update(input).digest('base64url'),
): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${signer(input)}`;
}

const refused = async (token: string, by: TokenService = provider) =>
  expect(by.verify(token)).rejects.toThrow(UnauthorizedException);

describe('TokenService (resource server)', () => {
  it("accepts the provider's token and maps its claims to a caller", async () => {
    expect(await provider.verify(await signed(good()))).toEqual({
      sub: 'regulator-1',
      role: 'regulator',
      region: '3301',
    });
  });

  it('refuses alg:none, with or without a signature', async () => {
    await refused(forge({ alg: 'none', typ: 'JWT' }, good(), () => ''));
    await refused(forge({ alg: 'none' }, good()));
    await refused(forge({ alg: 'NONE' }, good(), () => ''));
  });

  it('refuses HS256 while JWT_SECRET is unset, even with the right secret', async () => {
    await refused(forge({ alg: 'HS256' }, good()));
  });

  it('accepts HS256 with JWT_SECRET only while it is set, with its own issuer (legacy)', async () => {
    const t = forge({ alg: 'HS256' }, good({ iss: 'credit-risk-service' }));
    expect(await legacy.verify(t)).toMatchObject({ sub: 'regulator-1' });
    await refused(forge({ alg: 'HS256' }, good()), legacy); // the provider's issuer is not the legacy one
  });

  it('refuses algorithm confusion: HS256 keyed by a public key, other HMACs, an unknown RSA key', async () => {
    for (const by of [provider, legacy]) {
      await refused(
        forge({ alg: 'HS256', kid: 'k1' }, good(), (i) =>
          createHmac('sha256', publicPem).update(i).digest('base64url'),
        ),
        by,
      );
      await refused(
        forge({ alg: 'HS512' }, good(), (i) =>
          createHmac('sha512', SECRET).update(i).digest('base64url'),
        ),
        by,
      );
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      await refused(
        forge({ alg: 'RS256', kid: 'k1' }, good(), (i) =>
          rsaSign('sha256', Buffer.from(i), privateKey).toString('base64url'),
        ),
        by,
      );
    }
  });

  it('refuses an unknown kid, another key, and a tampered payload', async () => {
    await refused(await signed(good(), { kid: 'k2' }));
    const other = await generateKeyPair('ES256');
    await refused(
      await new SignJWT(good())
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .sign(other.privateKey),
    );
    const [h, , s] = (await signed(good())).split('.');
    await refused(`${h}.${b64(good({ role: 'admin' }))}.${s}`);
  });

  it('refuses a wrong or missing issuer or audience', async () => {
    await refused(await signed(good({ iss: 'https://evil.example.com' })));
    await refused(await signed(good({ iss: undefined })));
    await refused(await signed(good({ aud: 'another-api' })));
    await refused(await signed(good({ aud: undefined })));
  });

  it('refuses a crit header it does not implement', async () => {
    // jose will not sign an unknown crit extension, so the header is made by hand, signed with the real key.
    const header = b64({ alg: 'ES256', kid: 'k1', crit: ['x-ext'], 'x-ext': 1 });
    const body = b64(good());
    const real = (await signed(good())).split('.')[2];
    await refused(`${header}.${body}.${real}`);
  });

  it('checks expiry with a bounded clock skew, and wants an exp', async () => {
    await expect(provider.verify(await signed(good({ exp: now() - 10 })))).resolves.toBeDefined();
    await expect(provider.verify(await signed(good({ exp: now() - 31 })))).rejects.toThrow(
      /token expired/,
    );
    await refused(await signed(good({ exp: undefined })));
  });

  it('refuses a token it has verified before once it expires (past the skew)', async () => {
    const t0 = Date.parse('2026-06-15T02:00:00Z');
    vi.useFakeTimers({ toFake: ['Date'], now: t0 });
    try {
      const t = await signed(good({ iat: t0 / 1000, exp: t0 / 1000 + 60 }));
      const first = await provider.verify(t);
      expect(await provider.verify(t)).toEqual(first);
      vi.setSystemTime(t0 + 89_000); // 60 s of life + 29 s of skew
      expect(await provider.verify(t)).toEqual(first);
      vi.setSystemTime(t0 + 91_000);
      await expect(provider.verify(t)).rejects.toThrow(/token expired/);
      // …and stays refused: expiry is checked on every call, not only the first.
      await expect(provider.verify(t)).rejects.toThrow(/token expired/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('hands out a caller no request can alter for the next one', async () => {
    const t = await signed(good({ region: '33' }));
    const caller = (await provider.verify(t)) as { region?: string };
    expect(() => (caller.region = '11')).toThrow(TypeError);
    expect(await provider.verify(t)).toEqual({
      sub: 'regulator-1',
      role: 'regulator',
      region: '33',
    });
  });

  it('refuses tokens not yet valid or issued in the future beyond the skew', async () => {
    await expect(provider.verify(await signed(good({ nbf: now() + 10 })))).resolves.toBeDefined();
    await refused(await signed(good({ nbf: now() + 120 })));
    await refused(await signed(good({ iat: now() + 120 })));
  });

  it('refuses an enterprise token without a uscc, and a role it does not know', async () => {
    await refused(await signed(good({ role: 'enterprise', region: undefined })));
    await refused(await signed(good({ role: 'superuser' })));
  });

  it('reads configured claim names, nested ones and role lists (a Keycloak realm)', async () => {
    const keycloak = new TokenService(
      AppConfig.fromEnvironment({
        NODE_ENV: 'test',
        OIDC_ISSUER: ISSUER,
        OIDC_CLAIM_ROLE: 'realm_access.roles',
        OIDC_CLAIM_REGION: 'crs_region',
      }),
      (provider as unknown as { keys: VerificationKeys }).keys,
    );
    const claims = good({
      role: undefined,
      region: undefined,
      realm_access: { roles: ['offline_access', 'regulator'] },
      crs_region: '330106',
    });
    expect(await keycloak.verify(await signed(claims))).toEqual({
      sub: 'regulator-1',
      role: 'regulator',
      region: '330106',
    });
    // Two of our roles in one token: ambiguous, refused.
    await refused(
      await signed({ ...claims, realm_access: { roles: ['admin', 'regulator'] } }),
      keycloak,
    );
  });

  it('refuses garbage', async () => {
    for (const t of ['', 'a', 'a.b', 'a.b.c', '..', `${b64({ alg: 'ES256' })}..`, '🙂.🙂.🙂']) {
      await refused(t);
      await refused(t, legacy);
    }
  });
});
