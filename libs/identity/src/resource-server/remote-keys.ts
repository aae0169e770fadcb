import { Injectable, Logger } from '@nestjs/common';
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { AppConfig, KeysHealth, VerificationKeys } from '@app/core';

/** A provider that does not answer within this is treated as unreachable. */
const FETCH_TIMEOUT_MS = 5000;

/**
 * A remote OpenID provider's keys (OIDC_ISSUER): the JWKS named by its
 * discovery document, fetched and cached for OIDC_JWKS_MAX_AGE_SECONDS. A
 * token signed with a `kid` not in the cache triggers one refetch, at most one
 * per OIDC_JWKS_COOLDOWN_SECONDS however many such tokens arrive (a flood of
 * made-up `kid`s cannot make us hammer the provider). While the provider is
 * unreachable the cached keys keep verifying and health reports the identity
 * check as degraded.
 */
@Injectable()
export class RemoteKeys extends VerificationKeys {
  private readonly logger = new Logger(RemoteKeys.name);
  private readonly issuer: string;
  private readonly maxAgeMs: number;
  private readonly cooldownMs: number;
  private jwksUri?: string;
  private local?: JWTVerifyGetKey;
  private fetchedAt = 0;
  private lastAttempt = 0;
  private lastError?: string;
  private inflight?: Promise<void>;

  constructor(config: AppConfig) {
    super();
    this.issuer = config.identity.issuer;
    this.maxAgeMs = config.env.OIDC_JWKS_MAX_AGE_SECONDS * 1000;
    this.cooldownMs = config.env.OIDC_JWKS_COOLDOWN_SECONDS * 1000;
  }

  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const stale = Date.now() - this.fetchedAt > this.maxAgeMs;
    if (!this.local || stale) await this.refresh();
    if (!this.local) throw new errors.JWKSNoMatchingKey();
    try {
      return await this.local(header, token);
    } catch (err) {
      if (!(err instanceof errors.JWKSNoMatchingKey)) throw err;
      // An unknown kid: the provider may have rotated. One refetch, rate-limited.
      if (!(await this.refresh())) throw err;
      return this.local(header, token);
    }
  };

  health(): KeysHealth {
    if (this.lastError) {
      return {
        status: 'degraded',
        detail: `${this.issuer} unreachable (${this.lastError})${this.local ? '; cached keys in use' : ''}`,
      };
    }
    return {
      status: 'up',
      detail: this.local ? `keys of ${this.issuer}` : `${this.issuer} (keys not fetched yet)`,
    };
  }

  /** Fetches the keys unless a fetch ran within the cooldown; true when new keys were loaded. */
  private async refresh(): Promise<boolean> {
    if (this.inflight) {
      await this.inflight;
      return true;
    }
    if (Date.now() - this.lastAttempt < this.cooldownMs) return false;
    this.lastAttempt = Date.now();
    let loaded = false;
    this.inflight = this.fetchKeys()
      .then((jwks) => {
        this.local = createLocalJWKSet(jwks);
        this.fetchedAt = Date.now();
        this.lastError = undefined;
        loaded = true;
      })
      .catch((err: Error) => {
        this.lastError = err.message;
        this.logger.warn(`could not fetch the keys of ${this.issuer}: ${err.message}`);
      })
      .finally(() => (this.inflight = undefined));
    await this.inflight;
    return loaded;
  }

  private async fetchKeys(): Promise<JSONWebKeySet> {
    if (!this.jwksUri) {
      const discovery = (await getJson(`${this.issuer}/.well-known/openid-configuration`)) as {
        issuer?: string;
        jwks_uri?: string;
      };
      if (discovery.issuer !== this.issuer) {
        throw new Error(`discovery names issuer ${discovery.issuer}, not ${this.issuer}`);
      }
      if (!discovery.jwks_uri) throw new Error('discovery has no jwks_uri');
      this.jwksUri = discovery.jwks_uri;
    }
    const jwks = (await getJson(this.jwksUri)) as JSONWebKeySet;
    if (!Array.isArray(jwks.keys)) throw new Error('the JWKS has no keys');
    return jwks;
  }
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}
