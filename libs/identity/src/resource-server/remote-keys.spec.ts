import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { AppConfig } from '@app/core';
import { RemoteKeys } from './remote-keys';

describe('RemoteKeys (a remote provider’s JWKS)', () => {
  let server: Server;
  let issuer: string;
  let jwksHits = 0;
  let served: JWK[] = [];
  let signer: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    signer = pair.privateKey;
    served = [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }];
    server = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/realm/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/certs` }));
      } else if (req.url === '/realm/certs') {
        jwksHits++;
        res.end(JSON.stringify({ keys: served }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realm`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const keysWith = (cooldown: string) =>
    new RemoteKeys(
      AppConfig.fromEnvironment({
        NODE_ENV: 'test',
        OIDC_ISSUER: issuer,
        OIDC_JWKS_COOLDOWN_SECONDS: cooldown,
      }),
    );
  const header = (kid: string) => ({ alg: 'ES256', kid });
  const token = async (kid: string) => new SignJWT({}).setProtectedHeader(header(kid)).sign(signer);

  it('finds the key by discovery and caches it', async () => {
    const keys = keysWith('30');
    const before = jwksHits;
    const t = await token('k1');
    await keys.getKey(header('k1'), { payload: '', signature: '', protected: t.split('.')[0] });
    await keys.getKey(header('k1'), { payload: '', signature: '', protected: t.split('.')[0] });
    expect(jwksHits - before).toBe(1);
    expect(keys.health()).toMatchObject({ status: 'up' });
  });

  it('refetches for an unknown kid at most once per cooldown, however many arrive', async () => {
    const keys = keysWith('1');
    const input = { payload: '', signature: '', protected: '' };
    await keys.getKey(header('k1'), input);
    // Within the cooldown of the first fetch: no refetch at all.
    let before = jwksHits;
    await expect(keys.getKey(header('made-up'), input)).rejects.toThrow();
    expect(jwksHits - before).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    before = jwksHits;
    const unknown = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => keys.getKey(header(`made-up-${i}`), input)),
    );
    expect(unknown.every((r) => r.status === 'rejected')).toBe(true);
    expect(jwksHits - before).toBe(1);
  });

  it('keeps verifying with cached keys while the provider is down, and says degraded', async () => {
    const keys = keysWith('1');
    const input = { payload: '', signature: '', protected: '' };
    await keys.getKey(header('k1'), input);
    const saved = served;
    served = undefined as never; // the provider now answers garbage
    await new Promise((r) => setTimeout(r, 1100));
    await expect(keys.getKey(header('k2'), input)).rejects.toThrow();
    expect(keys.health()).toMatchObject({ status: 'degraded' });
    await expect(keys.getKey(header('k1'), input)).resolves.toBeDefined();
    served = saved;
  });
});
