import { UnauthorizedException } from '@nestjs/common';
import { createHmac, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { TokenService } from './token.service';

const SECRET = 'unit-secret-0123456789-0123456789-abcdef';
const config = AppConfig.fromEnvironment({ NODE_ENV: 'test', JWT_SECRET: SECRET });
const tokens = new TokenService(config);
const now = () => Math.floor(Date.now() / 1000);

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

const good = (overrides: Record<string, unknown> = {}) => ({
  sub: 'regulator-1',
  role: 'regulator',
  region: '3301',
  iss: 'credit-risk-service',
  aud: 'credit-risk-api',
  iat: now(),
  exp: now() + 600,
  ...overrides,
});

const refused = (token: string) => {
  expect(() => tokens.verify(token)).toThrow(UnauthorizedException);
};

describe('TokenService', () => {
  it('signs with the configured issuer and audience, and verifies its own tokens', () => {
    const t = tokens.sign({ sub: 'a', role: 'admin' });
    const claims = JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ iss: 'credit-risk-service', aud: 'credit-risk-api' });
    expect(tokens.verify(t)).toEqual({ sub: 'a', role: 'admin' });
  });

  it('accepts a well-formed HS256 token made elsewhere with the shared secret', () => {
    expect(tokens.verify(forge({ alg: 'HS256', typ: 'JWT' }, good()))).toEqual({
      sub: 'regulator-1',
      role: 'regulator',
      region: '3301',
    });
  });

  it('refuses alg:none, with or without a signature', () => {
    refused(forge({ alg: 'none', typ: 'JWT' }, good(), () => ''));
    refused(forge({ alg: 'none' }, good()));
    refused(forge({ alg: 'NONE' }, good(), () => ''));
  });

  it('refuses algorithm confusion: other HMAC sizes with our secret, RS256, HS256 keyed by a public key', () => {
    refused(
      forge({ alg: 'HS512' }, good(), (i) =>
        createHmac('sha512', SECRET).update(i).digest('base64url'),
      ),
    );
    refused(
      forge({ alg: 'HS384' }, good(), (i) =>
        createHmac('sha384', SECRET).update(i).digest('base64url'),
      ),
    );
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    refused(
      forge({ alg: 'RS256' }, good(), (i) =>
        rsaSign('sha256', Buffer.from(i), privateKey).toString('base64url'),
      ),
    );
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    refused(
      forge({ alg: 'HS256' }, good(), (i) =>
        createHmac('sha256', pem).update(i).digest('base64url'),
      ),
    );
  });

  it('refuses a wrong secret and a tampered payload', () => {
    refused(
      forge({ alg: 'HS256' }, good(), (i) =>
        createHmac('sha256', 'another-secret-of-sufficient-length-123')
          .update(i)
          .digest('base64url'),
      ),
    );
    const t = forge({ alg: 'HS256' }, good());
    const [h, , s] = t.split('.');
    refused(`${h}.${b64(good({ role: 'admin' }))}.${s}`);
  });

  it('refuses a wrong or missing issuer or audience', () => {
    refused(forge({ alg: 'HS256' }, good({ iss: 'someone-else' })));
    refused(forge({ alg: 'HS256' }, good({ iss: undefined })));
    refused(forge({ alg: 'HS256' }, good({ aud: 'another-api' })));
    refused(forge({ alg: 'HS256' }, good({ aud: undefined })));
  });

  it('checks expiry with a bounded clock skew, and wants an exp', () => {
    expect(() => tokens.verify(forge({ alg: 'HS256' }, good({ exp: now() - 10 })))).not.toThrow();
    refused(forge({ alg: 'HS256' }, good({ exp: now() - 31 })));
    refused(forge({ alg: 'HS256' }, good({ exp: undefined })));
    refused(forge({ alg: 'HS256' }, good({ exp: 'tomorrow' })));
  });

  it('refuses a token it has verified before once it expires (past the skew)', () => {
    const t0 = Date.parse('2026-06-15T02:00:00Z');
    vi.useFakeTimers({ toFake: ['Date'], now: t0 });
    try {
      const t = forge({ alg: 'HS256' }, good({ iat: t0 / 1000, exp: t0 / 1000 + 60 }));
      const first = tokens.verify(t);
      expect(tokens.verify(t)).toEqual(first);
      vi.setSystemTime(t0 + 89_000); // 60 s of life + 29 s of skew
      expect(tokens.verify(t)).toEqual(first);
      vi.setSystemTime(t0 + 91_000);
      expect(() => tokens.verify(t)).toThrow(/token expired/);
      // …and stays refused: expiry is checked on every call, not only the first.
      expect(() => tokens.verify(t)).toThrow(/token expired/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('hands out a caller no request can alter for the next one', () => {
    const t = tokens.sign({ sub: 'r', role: 'regulator', region: '33' });
    const caller = tokens.verify(t) as { region?: string };
    expect(() => (caller.region = '11')).toThrow(TypeError);
    expect(tokens.verify(t)).toEqual({ sub: 'r', role: 'regulator', region: '33' });
  });

  it('refuses tokens not yet valid or issued in the future beyond the skew', () => {
    expect(() => tokens.verify(forge({ alg: 'HS256' }, good({ nbf: now() + 10 })))).not.toThrow();
    refused(forge({ alg: 'HS256' }, good({ nbf: now() + 120 })));
    refused(forge({ alg: 'HS256' }, good({ iat: now() + 120 })));
  });

  it('refuses garbage', () => {
    for (const t of ['', 'a', 'a.b', 'a.b.c', '..', `${b64({ alg: 'HS256' })}..`, '🙂.🙂.🙂']) {
      refused(t);
    }
  });
});
