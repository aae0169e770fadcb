import { Global, Module } from '@nestjs/common';
import { AppConfig, TokenService, VerificationKeys } from '@app/core';
import { Directory } from './embedded/directory';
import { EmbeddedProvider } from './embedded/embedded-provider';
import { SignInPage } from './embedded/sign-in';
import { SigningKeys } from './keys/signing-keys';
import { EmbeddedKeys } from './resource-server/embedded-keys';
import { RemoteKeys } from './resource-server/remote-keys';

/**
 * Who the API trusts to sign access tokens, decided from config at boot: the
 * embedded provider (no OIDC_ISSUER; its parts are provided, null otherwise)
 * or the provider at OIDC_ISSUER (keys fetched from its JWKS).
 */
@Global()
@Module({
  providers: [
    {
      provide: SigningKeys,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.identity.embedded ? SigningKeys.load(config) : null,
    },
    {
      provide: Directory,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.identity.embedded
          ? Directory.load(config.env.IDP_CONFIG_DIR, config.env.NODE_ENV === 'production')
          : null,
    },
    {
      provide: EmbeddedProvider,
      inject: [AppConfig, SigningKeys, Directory],
      useFactory: (config: AppConfig, keys: SigningKeys | null, directory: Directory | null) =>
        keys && directory ? new EmbeddedProvider(config, keys, directory) : null,
    },
    {
      provide: SignInPage,
      inject: [EmbeddedProvider, AppConfig],
      useFactory: (idp: EmbeddedProvider | null, config: AppConfig) =>
        idp ? new SignInPage(idp, config) : null,
    },
    {
      provide: VerificationKeys,
      inject: [AppConfig, SigningKeys],
      useFactory: (config: AppConfig, keys: SigningKeys | null) =>
        keys ? new EmbeddedKeys(keys) : new RemoteKeys(config),
    },
    TokenService,
  ],
  exports: [SigningKeys, Directory, EmbeddedProvider, SignInPage, VerificationKeys, TokenService],
})
export class IdentityModule {}
