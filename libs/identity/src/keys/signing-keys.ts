import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  unwatchFile,
  watchFile,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { AppConfig } from '@app/core';

/** Members of a JWK that are private: never served, never logged. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

export interface PrivateJwks {
  keys: JWK[];
}

/**
 * The embedded provider's signing keys, from IDP_KEYS_FILE (a JWKS of private
 * keys). The first key signs; every key in the file verifies, so a rotation is
 * "put the new key first, keep the old one until its tokens have expired, then
 * remove it". The file is watched: a rotation takes effect without a restart.
 * In development and test a missing file is created with one ES256 key; in
 * production it must exist.
 */
@Injectable()
export class SigningKeys implements OnModuleDestroy {
  private readonly logger = new Logger(SigningKeys.name);
  private readonly path: string;
  private current: PrivateJwks;
  private readonly listeners: (() => void)[] = [];

  private constructor(path: string, jwks: PrivateJwks) {
    this.path = path;
    this.current = jwks;
  }

  /** Loads (or in development creates) the key file and starts watching it. */
  static async load(config: AppConfig): Promise<SigningKeys> {
    const path = resolve(config.env.IDP_KEYS_FILE);
    if (!existsSync(path)) {
      if (config.env.NODE_ENV === 'production') {
        throw new Error(
          `IDP_KEYS_FILE ${path} does not exist: the embedded provider needs its signing keys`,
        );
      }
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify({ keys: [await newSigningKey()] }, null, 2), {
        mode: 0o600,
      });
    }
    const keys = new SigningKeys(path, readJwks(path));
    watchFile(path, { interval: 1000 }, keys.onFileChange);
    return keys;
  }

  /** The private keys, first one signing: for oidc-provider's `jwks`. */
  get privateJwks(): PrivateJwks {
    return this.current;
  }

  /** The public half of every key: what /idp/jwks serves and the API verifies with. */
  get publicJwks(): { keys: JWK[] } {
    return {
      keys: this.current.keys.map((k) =>
        Object.fromEntries(Object.entries(k).filter(([m]) => !PRIVATE_MEMBERS.includes(m))),
      ),
    };
  }

  /** Called after the key file changed and was read. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private reload(): void {
    try {
      this.current = readJwks(this.path);
      this.logger.log(`signing keys reloaded: ${this.current.keys.map((k) => k.kid).join(', ')}`);
      for (const l of this.listeners) l();
    } catch (err) {
      // A half-written file must not take the keys away: keep the last good set.
      this.logger.error(
        `signing keys not reloaded (${(err as Error).message}); the previous keys stay`,
      );
    }
  }

  /** Its own listener: unwatching the path without it would stop every watcher of the file in the process. */
  private readonly onFileChange = () => this.reload();

  onModuleDestroy(): void {
    unwatchFile(this.path, this.onFileChange);
  }
}

/** A new ES256 private key as a JWK with its RFC 7638 thumbprint as `kid`. */
export async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
}

function readJwks(path: string): PrivateJwks {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as PrivateJwks;
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) {
    throw new Error(`${path}: a JWKS with at least one private key is expected`);
  }
  for (const [i, k] of parsed.keys.entries()) {
    if (!k.kid || !k.alg || !('d' in k)) {
      throw new Error(`${path}: key ${i} needs kid, alg and its private part`);
    }
  }
  return parsed;
}
