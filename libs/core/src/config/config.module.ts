import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/** `npm start` builds the API's and the worker's modules in one process: say it once. */
let legacySecretWarned = false;

/** Provides the validated AppConfig everywhere; boot fails here on a bad environment. */
@Global()
@Module({
  providers: [
    {
      provide: AppConfig,
      useFactory: () => {
        const config = AppConfig.fromEnvironment();
        if (config.env.JWT_SECRET && !legacySecretWarned) {
          legacySecretWarned = true;
          new Logger('Config').warn(
            "JWT_SECRET is set: HS256 shared-secret tokens are accepted besides the OpenID provider's (legacy integrations)",
          );
        }
        return config;
      },
    },
  ],
  exports: [AppConfig],
})
export class AppConfigModule {}
