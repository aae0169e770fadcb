import { Injectable } from '@nestjs/common';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { KeysHealth, VerificationKeys } from '@app/core';
import { SigningKeys } from '../keys/signing-keys';

/**
 * The embedded provider's public keys, read in process: no HTTP round trip
 * to our own /idp/jwks, and a rotation of the key file applies at once.
 */
@Injectable()
export class EmbeddedKeys extends VerificationKeys {
  private local: JWTVerifyGetKey;

  constructor(keys: SigningKeys) {
    super();
    this.local = createLocalJWKSet(keys.publicJwks);
    keys.onChange(() => (this.local = createLocalJWKSet(keys.publicJwks)));
  }

  readonly getKey: JWTVerifyGetKey = (header, token) => this.local(header, token);

  health(): KeysHealth {
    return { status: 'up', detail: 'embedded provider' };
  }
}
