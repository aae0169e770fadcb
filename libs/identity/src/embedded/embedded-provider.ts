import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { AppConfig, redisOptions } from '@app/core';
import { API_SCOPE, IDP_PATH } from '../constants';
import { SigningKeys } from '../keys/signing-keys';
import { claimsOf, Directory } from './directory';
import { errorPage, loggedOutPage, logoutPage, type Page } from './pages';
import { redisAdapterFactory } from './redis-adapter';

/**
 * The embedded OpenID provider (oidc-provider): discovery, JWKS, authorization
 * code with PKCE, refresh tokens, RP-initiated logout and client credentials,
 * with accounts and clients from config/identity. Access tokens are JWTs for
 * this API (audience OIDC_AUDIENCE) carrying `role`, `region`, `uscc`, signed
 * with the first key of IDP_KEYS_FILE. When the key file changes the provider
 * is rebuilt with the new keys (sessions live in Redis and survive, restarts too).
 */
@Injectable()
export class EmbeddedProvider implements OnModuleDestroy {
  private readonly logger = new Logger(EmbeddedProvider.name);
  private provider: Provider;
  private handler: (req: IncomingMessage, res: ServerResponse) => unknown;
  /** The resource indicator of this API: an absolute URI, as RFC 8707 wants. */
  readonly resource: string;
  /** Sessions, grants and tokens: shared by every API instance, kept across restarts. */
  private readonly redis: Redis;

  constructor(
    private readonly config: AppConfig,
    private readonly keys: SigningKeys,
    readonly directory: Directory,
  ) {
    this.resource = `${config.identity.publicUrl}/api/v1`;
    // A sign-in must not hang on a Redis that is down: fail the request instead.
    this.redis = new Redis({ ...redisOptions(config.env), maxRetriesPerRequest: 2 });
    this.redis.on('error', (err) => this.logger.warn(`redis: ${err.message}`));
    this.build();
    keys.onChange(() => this.build());
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  get instance(): Provider {
    return this.provider;
  }

  /** Serves a request whose URL starts with /idp (the prefix is the provider's mount path). */
  handle(req: IncomingMessage, res: ServerResponse): void {
    void this.handler(req, res);
  }

  private build(): void {
    const issuer = new URL(this.config.identity.issuer);
    const provider = new Provider(this.config.identity.issuer, this.configuration());
    // Endpoint URLs are built from the request's host and scheme: they must be PUBLIC_URL's,
    // whatever address or proxy the request came through, or they would not match the issuer.
    // (Only the forwarded host and scheme are set below, from config, never from the client.)
    provider.proxy = true;
    provider.on('server_error', (_ctx, err) => this.logger.error(`provider error: ${err.message}`));
    const callback = provider.callback();
    this.provider = provider;
    // The provider routes on paths below its mount path, as if mounted by a framework.
    // (oidc-provider reads the mount path back from `originalUrl`, as Express sets it.)
    this.handler = (req, res) => {
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
      req.headers['x-forwarded-host'] = issuer.host;
      req.headers['x-forwarded-proto'] = issuer.protocol.slice(0, -1);
      req.url = req.url!.slice(IDP_PATH.length) || '/';
      return callback(req, res);
    };
  }

  private configuration(): Configuration {
    const { env, identity } = this.config;
    const directory = this.directory;
    const accessTokenTTL = env.IDP_ACCESS_TOKEN_TTL_SECONDS;
    const send = (ctx: KoaContextWithOIDC, p: Page) => {
      ctx.set('Content-Security-Policy', p.csp);
      ctx.type = 'html';
      ctx.body = p.html;
    };
    return {
      adapter: redisAdapterFactory(this.redis, `${env.REDIS_PREFIX}:idp:`),
      clients: directory.clients.map((c) => ({
        client_id: c.clientId,
        ...(c.public
          ? { token_endpoint_auth_method: 'none' as const }
          : {
              client_secret: c.secret,
              token_endpoint_auth_method: 'client_secret_basic' as const,
            }),
        grant_types: c.grantTypes,
        response_types: c.grantTypes.includes('authorization_code') ? ['code' as const] : [],
        redirect_uris: (c.redirectUris ?? []).map((u) => identity.publicUrl + u),
        post_logout_redirect_uris: (c.postLogoutRedirectUris ?? []).map(
          (u) => identity.publicUrl + u,
        ),
        scope: c.scope,
      })),
      jwks: this.keys.privateJwks as Configuration['jwks'],
      // Cookie signing keys derived from the signing keys: secret, stable across restarts, rotated with them.
      cookies: {
        keys: this.keys.privateJwks.keys.map((k) =>
          createHmac('sha256', String(k.d)).update('crs idp cookies').digest('base64url'),
        ),
      },
      // Authorization code only (no implicit, no hybrid), ID tokens signed with our key's algorithm.
      responseTypes: ['code'],
      clientDefaults: {
        id_token_signed_response_alg: String(this.keys.privateJwks.keys[0].alg),
      } as Configuration['clientDefaults'],
      scopes: ['openid', 'profile', 'offline_access', API_SCOPE],
      claims: { openid: ['sub'], profile: ['name', 'role', 'region', 'uscc'] },
      // The console reads the person's name and jurisdiction from the ID token.
      conformIdTokenClaims: false,
      findAccount: (_ctx, sub) => {
        const account = directory.accounts.get(sub);
        return account && { accountId: sub, claims: () => ({ sub, ...claimsOf(account) }) };
      },
      extraTokenClaims: (ctx, token) => {
        if (token.kind === 'ClientCredentials') {
          const client = directory.clients.find((c) => c.clientId === token.clientId);
          return client ? { ...claimsOf(client) } : undefined;
        }
        const account = token.accountId ? directory.accounts.get(token.accountId) : undefined;
        return account ? { ...claimsOf(account) } : undefined;
      },
      interactions: { url: (_ctx, interaction) => `${IDP_PATH}/interaction/${interaction.uid}` },
      // First-party clients only: what they ask for is granted without a consent screen.
      loadExistingGrant: async (ctx) => {
        const { oidc } = ctx;
        const grantId =
          oidc.result?.consent?.grantId || oidc.session!.grantIdFor(oidc.client!.clientId);
        if (grantId) return oidc.provider.Grant.find(grantId);
        const grant = new oidc.provider.Grant({
          clientId: oidc.client!.clientId,
          accountId: oidc.session!.accountId,
        });
        grant.addOIDCScope(String(oidc.params!.scope ?? 'openid'));
        grant.addResourceScope(this.resource, API_SCOPE);
        await grant.save();
        return grant;
      },
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      pkce: { required: () => true },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        revocation: { enabled: true },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (ctx, form) => send(ctx, logoutPage(form)),
          postLogoutSuccessSource: async (ctx) => send(ctx, loggedOutPage()),
        },
        resourceIndicators: {
          enabled: true,
          defaultResource: async () => this.resource,
          useGrantedResource: async () => true,
          getResourceServerInfo: async (_ctx, indicator) => {
            if (indicator !== this.resource) throw new errors.InvalidTarget();
            return {
              scope: API_SCOPE,
              audience: identity.audience,
              accessTokenTTL,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: String(this.keys.privateJwks.keys[0].alg) as 'ES256' } },
            };
          },
        },
      },
      ttl: {
        AccessToken: accessTokenTTL,
        ClientCredentials: accessTokenTTL,
        AuthorizationCode: 60,
        IdToken: 3600,
        Interaction: 600,
        Session: 8 * 3600,
        Grant: 8 * 3600,
        RefreshToken: 8 * 3600,
      },
      // Browser calls to the token endpoint come from the console, on PUBLIC_URL's origin only.
      clientBasedCORS: (_ctx, origin) => origin === new URL(identity.publicUrl).origin,
      renderError: async (ctx, out) =>
        send(ctx, errorPage(String(out.error), out.error_description)),
    };
  }
}
