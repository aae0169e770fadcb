import { createHash, createHmac, createPublicKey, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, importJWK, SignJWT } from 'jose';
import request from 'supertest';
import { newSigningKey } from '@app/identity';
import { newUscc } from './support/fixtures';
import { freePort } from './support/free-port';
import { createTestApp, TestApp } from './support/test-app';
import { eventually } from './support/test-worker';

/**
 * Issue 14: the API as a resource server of an OpenID provider, and the
 * embedded provider itself, through the real server (Fastify, MySQL, Redis).
 * This file uses key files of its own: its rotations must not touch the
 * run's shared key.
 */
const DIR = mkdtempSync(join(tmpdir(), 'crs-identity-'));
const KEYS = join(DIR, 'idp-keys.json');
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** The OAuth client credentials grant at `app`'s embedded provider. */
const clientCredentials = (app: TestApp, client: string, secret: string) =>
  app
    .http()
    .post('/idp/token')
    .auth(client, secret)
    .type('form')
    .send({ grant_type: 'client_credentials', scope: 'api' });

/** Location's path and query (the provider writes absolute URLs of PUBLIC_URL, or paths). */
const pathOf = (location: string) => {
  const u = new URL(location, 'http://localhost');
  return u.pathname + u.search;
};

describe('identity: OpenID provider and resource server', () => {
  let t: TestApp;
  let key1: Awaited<ReturnType<typeof newSigningKey>>;

  beforeAll(async () => {
    key1 = await newSigningKey();
    writeFileSync(KEYS, JSON.stringify({ keys: [key1] }));
    process.env.IDP_KEYS_FILE = KEYS;
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(DIR, { recursive: true, force: true });
  });

  /** Signs in through the provider's page and redeems the code with PKCE, as the console does. */
  async function signIn(username: string, password = 'dev-password') {
    const agent = request.agent(t.app.getHttpServer());
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://localhost:3000/console/callback';
    const authorize = await agent.get('/idp/auth').query({
      client_id: 'crs-console',
      response_type: 'code',
      scope: 'openid profile offline_access api',
      redirect_uri: redirectUri,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'st',
    });
    expect(authorize.status).toBe(303);
    const interaction = pathOf(authorize.headers.location);
    const page = await agent.get(interaction).expect(200);
    expect(page.text).toMatch(/<label for="username">账号 <span lang="en">Account<\/span>/);
    const login = await agent
      .post(`${interaction}/login`)
      .type('form')
      .send({ username, password });
    if (login.status !== 303)
      return { login, tokens: undefined as never as Record<string, string> };
    const resume = await agent.get(pathOf(login.headers.location)).expect(303);
    // The provider's session cookies, to present to another API instance.
    const cookies = ((resume.headers['set-cookie'] ?? []) as unknown as string[])
      .map((c) => c.split(';')[0])
      .join('; ');
    const callback = new URL(resume.headers.location);
    expect(callback.pathname).toBe('/console/callback');
    expect(callback.searchParams.get('state')).toBe('st');
    const tokens = await agent
      .post('/idp/token')
      .type('form')
      .send({
        grant_type: 'authorization_code',
        client_id: 'crs-console',
        code: callback.searchParams.get('code'),
        code_verifier: verifier,
        redirect_uri: redirectUri,
      })
      .expect(200);
    return { login, agent, cookies, tokens: tokens.body as Record<string, string> };
  }

  const claimsOf = (jwt: string) =>
    JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

  describe('the embedded provider', () => {
    it('serves discovery and a JWKS without private key material', async () => {
      const d = await t.http().get('/idp/.well-known/openid-configuration').expect(200);
      expect(d.body).toMatchObject({
        issuer: t.issuer,
        jwks_uri: `${t.issuer}/jwks`,
        token_endpoint: `${t.issuer}/token`,
        end_session_endpoint: `${t.issuer}/session/end`,
        code_challenge_methods_supported: ['S256'],
        response_types_supported: ['code'],
      });
      expect(d.body.grant_types_supported).toEqual(
        expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']),
      );
      const jwks = await t.http().get('/idp/jwks').expect(200);
      expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual([key1.kid]);
      for (const k of jwks.body.keys) expect(k).not.toHaveProperty('d');
    });

    it('signs a regulator in with code + PKCE: ID token with name and jurisdiction, an access token the API takes, a refresh token', async () => {
      const { tokens, agent } = await signIn('reg-3301');
      expect(claimsOf(tokens.id_token)).toMatchObject({
        sub: 'reg-3301',
        name: '杭州市市场监督管理局 李强',
        role: 'regulator',
        region: '3301',
      });
      expect(claimsOf(tokens.access_token)).toMatchObject({
        iss: t.issuer,
        aud: 'credit-risk-api',
        sub: 'reg-3301',
        role: 'regulator',
        region: '3301',
      });
      const summary = await t.http().get('/api/v1/risk/summary').set(auth(tokens.access_token));
      expect([summary.status, summary.body.region]).toEqual([200, '3301']);
      const refreshed = await agent!
        .post('/idp/token')
        .type('form')
        .send({
          grant_type: 'refresh_token',
          client_id: 'crs-console',
          refresh_token: tokens.refresh_token,
        })
        .expect(200);
      await t.http().get('/api/v1/risk/summary').set(auth(refreshed.body.access_token)).expect(200);
    });

    it('signs an enterprise in: its token reads its own profile and nothing of another', async () => {
      const { tokens } = await signIn('ent-91330106MA2B3C4D5D');
      expect(claimsOf(tokens.access_token)).toMatchObject({
        role: 'enterprise',
        uscc: '91330106MA2B3C4D5D',
      });
      await t.putEnterprise('91330106MA2B3C4D5D');
      await t
        .http()
        .get('/api/v1/enterprises/91330106MA2B3C4D5D')
        .set(auth(tokens.access_token))
        .expect(200);
      const other = newUscc('330106');
      await t.putEnterprise(other);
      await t.http().get(`/api/v1/enterprises/${other}`).set(auth(tokens.access_token)).expect(404);
      await t.http().get('/api/v1/risk/summary').set(auth(tokens.access_token)).expect(403);
    });

    it('answers a wrong password and an unknown account alike, and slows an account down after 5 failures', async () => {
      const wrong = await signIn('reg-4403', 'not-the-password');
      const unknown = await signIn('nobody-here', 'not-the-password');
      for (const r of [wrong.login, unknown.login]) {
        expect(r.status).toBe(401);
        expect(r.text).toContain('账号或密码不正确');
        expect(r.text).toContain('role="alert"');
      }
      for (let i = 0; i < 4; i++) await signIn('reg-4403', 'guess-' + i);
      const slowed = await signIn('reg-4403', 'dev-password');
      expect(slowed.login.status).toBe(429);
      expect(Number(slowed.login.headers['retry-after'])).toBeGreaterThan(0);
      expect(slowed.login.text).toContain('尝试次数过多');
      // Other accounts are not slowed down by one being guessed at.
      expect((await signIn('reg-33')).tokens).toBeDefined();
    });

    it('gives a system client credentials: crs-batch starts a reclassification as an admin', async () => {
      const cc = await clientCredentials(t, 'crs-batch', 'dev-batch-secret').expect(200);
      expect(claimsOf(cc.body.access_token)).toMatchObject({
        sub: 'crs-batch',
        role: 'admin',
        aud: 'credit-risk-api',
      });
      const run = await t
        .http()
        .post('/api/v1/reclassifications')
        .set(auth(cc.body.access_token))
        .send({ mode: 'incremental', dryRun: true });
      expect(run.status, JSON.stringify(run.body)).toBe(202);
      // The partner example is a regulator of Zhejiang only.
      const partner = await clientCredentials(t, 'partner-zj-credit', 'dev-partner-secret').expect(
        200,
      );
      const [zhejiang, guangdong] = [newUscc('330106'), newUscc('440305')];
      await t.putEnterprise(zhejiang);
      await t.putEnterprise(guangdong, { regionCode: '440305' });
      const read = (uscc: string) =>
        t.http().get(`/api/v1/enterprises/${uscc}`).set(auth(partner.body.access_token));
      expect((await read(zhejiang)).status).toBe(200);
      expect((await read(guangdong)).status).toBe(404);
      await clientCredentials(t, 'crs-batch', 'wrong-secret').expect(401);
    });
  });

  describe('sessions shared through Redis', () => {
    it('a person signed in through one API instance is signed in through another', async () => {
      const { cookies } = await signIn('reg-330106');
      expect(cookies).toMatch(/_session=/);
      const other = await createTestApp();
      try {
        const authorize = await other
          .http()
          .get('/idp/auth')
          .set('Cookie', cookies!)
          .query({
            client_id: 'crs-console',
            response_type: 'code',
            scope: 'openid profile api',
            redirect_uri: 'http://localhost:3000/console/callback',
            code_challenge: createHash('sha256').update('v'.repeat(43)).digest('base64url'),
            code_challenge_method: 'S256',
            prompt: 'none',
          });
        // No sign-in page: straight back to the console with a code.
        expect(authorize.status).toBe(303);
        const back = new URL(authorize.headers.location);
        expect([back.pathname, back.searchParams.has('code')]).toEqual(['/console/callback', true]);
      } finally {
        await other.close();
      }
    });
  });

  describe('refusals (401 with WWW-Authenticate, never a 5xx)', () => {
    const good = () => ({
      sub: 'x',
      role: 'admin',
      iss: t.issuer,
      aud: 'credit-risk-api',
      iat: now(),
      exp: now() + 600,
    });
    const withKey1 = async (claims: object) =>
      new SignJWT(claims as Record<string, unknown>)
        .setProtectedHeader({ alg: 'ES256', kid: key1.kid })
        .sign(await importJWK(key1, 'ES256'));

    it('refuses every bad token with 401 and says so in WWW-Authenticate', async () => {
      const stranger = await generateKeyPair('ES256');
      const publicPem = createPublicKey({ key: key1 as never, format: 'jwk' })
        .export({ type: 'spki', format: 'pem' })
        .toString();
      const hs256WithPublicKey = (() => {
        const input = `${b64({ alg: 'HS256', kid: key1.kid })}.${b64(good())}`;
        return `${input}.${createHmac('sha256', publicPem).update(input).digest('base64url')}`;
      })();
      const cases: [string, string][] = [
        ['another issuer', await withKey1({ ...good(), iss: 'https://idp.elsewhere.example' })],
        ['wrong audience', await withKey1({ ...good(), aud: 'another-api' })],
        ['alg none', `${b64({ alg: 'none' })}.${b64(good())}.`],
        ['HS256 keyed with the public key', hs256WithPublicKey],
        [
          'unknown kid',
          await new SignJWT(good())
            .setProtectedHeader({ alg: 'ES256', kid: 'unknown' })
            .sign(stranger.privateKey),
        ],
        ['expired', await withKey1({ ...good(), iat: now() - 7200, exp: now() - 3600 })],
        ['not yet valid', await withKey1({ ...good(), nbf: now() + 3600 })],
        [
          'region not a division code',
          await withKey1({ ...good(), role: 'regulator', region: '3x' }),
        ],
        ['enterprise without uscc', await withKey1({ ...good(), role: 'enterprise' })],
      ];
      for (const [what, token] of cases) {
        const r = await t.http().get('/api/v1/risk/summary').set(auth(token));
        expect([what, r.status]).toEqual([what, 401]);
        expect([what, r.headers['www-authenticate']]).toEqual([
          what,
          'Bearer error="invalid_token"',
        ]);
      }
      const none = await t.http().get('/api/v1/risk/summary').expect(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      // A valid token whose role may not: 403, not 401.
      const enterprise = await t.token({ role: 'enterprise', uscc: newUscc('330106') });
      await t.http().get('/api/v1/risk/summary').set(auth(enterprise)).expect(403);
    });

    it('rotates keys without a restart: with two keys in the file both verify; the old one is gone once removed', async () => {
      const old = await withKey1(good());
      await t.http().get('/api/v1/risk/summary?region=33').set(auth(old)).expect(200);
      const key2 = await newSigningKey();
      writeFileSync(KEYS, JSON.stringify({ keys: [key2, key1] }));
      await eventually(async () => {
        const jwks = await t.http().get('/idp/jwks');
        return jwks.body.keys.length === 2 ? true : undefined;
      }, 10_000);
      // The provider now signs with key2; tokens of key1 still verify until they expire.
      const fresh = await clientCredentials(t, 'crs-batch', 'dev-batch-secret').expect(200);
      expect(
        JSON.parse(Buffer.from(fresh.body.access_token.split('.')[0], 'base64url').toString()).kid,
      ).toBe(key2.kid);
      await t
        .http()
        .get('/api/v1/risk/summary?region=33')
        .set(auth(fresh.body.access_token))
        .expect(200);
      const oldAgain = await withKey1({ ...good(), sub: 'y' }); // not the cached one
      await t.http().get('/api/v1/risk/summary?region=33').set(auth(oldAgain)).expect(200);
      writeFileSync(KEYS, JSON.stringify({ keys: [key2] }));
      await eventually(async () => {
        const jwks = await t.http().get('/idp/jwks');
        return jwks.body.keys.length === 1 ? true : undefined;
      }, 10_000);
      const afterRemoval = await withKey1({ ...good(), sub: 'z' });
      await t.http().get('/api/v1/risk/summary?region=33').set(auth(afterRemoval)).expect(401);
      writeFileSync(KEYS, JSON.stringify({ keys: [key1, key2] })); // back, for the tests after
      await eventually(
        async () => ((await t.http().get('/idp/jwks')).body.keys.length === 2 ? true : undefined),
        10_000,
      );
    });
  });

  describe('a remote provider (OIDC_ISSUER)', () => {
    it('fetches its keys by discovery, keeps verifying with cached keys while it is down, and reports identity degraded', async () => {
      const port = await freePort();
      const idpKeys = join(DIR, 'remote-keys.json');
      writeFileSync(idpKeys, JSON.stringify({ keys: [await newSigningKey()] }));
      process.env.IDP_KEYS_FILE = idpKeys;
      process.env.PUBLIC_URL = `http://127.0.0.1:${port}`;
      const idp = await createTestApp();
      await idp.app.listen(port, '127.0.0.1');
      process.env.OIDC_ISSUER = `http://127.0.0.1:${port}/idp`;
      process.env.OIDC_JWKS_COOLDOWN_SECONDS = '1';
      delete process.env.PUBLIC_URL;
      process.env.IDP_KEYS_FILE = KEYS;
      const api = await createTestApp();
      try {
        const cc = await clientCredentials(idp, 'crs-batch', 'dev-batch-secret').expect(200);
        const token = cc.body.access_token as string;
        await api.http().get('/api/v1/risk/summary?region=33').set(auth(token)).expect(200);
        // The API serves no provider of its own.
        await api.http().get('/idp/.well-known/openid-configuration').expect(404);
        await idp.close();
        // Cached keys keep verifying (a new token of the same key, so not from the verified cache).
        const another = await idp.token({ role: 'admin', sub: 'another' });
        await api.http().get('/api/v1/risk/summary?region=33').set(auth(another)).expect(200);
        // An unknown kid makes it refetch once the cooldown (1 s here) has passed since the last
        // fetch; the refetch fails: 401 for that token, identity degraded.
        await new Promise((r) => setTimeout(r, 1100));
        const stranger = await generateKeyPair('ES256');
        const unknown = await new SignJWT({ sub: 's', role: 'admin' })
          .setProtectedHeader({ alg: 'ES256', kid: 'rotated-away' })
          .setIssuer(process.env.OIDC_ISSUER)
          .setAudience('credit-risk-api')
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign(stranger.privateKey);
        await api.http().get('/api/v1/risk/summary?region=33').set(auth(unknown)).expect(401);
        const health = await api.http().get('/api/v1/health').expect(200);
        expect(health.body.info.identity).toMatchObject({ status: 'up', state: 'degraded' });
        expect(health.body.info.identity.detail).toMatch(/unreachable.*cached keys in use/);
      } finally {
        delete process.env.OIDC_ISSUER;
        delete process.env.OIDC_JWKS_COOLDOWN_SECONDS;
        await api.close();
        await idp.close().catch(() => undefined);
      }
    });
  });
});
