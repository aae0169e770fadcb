import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/** Provides the validated AppConfig everywhere; boot fails here on a bad environment. */
@Global()
@Module({
  providers: [
    {
      provide: AppConfig,
      useFactory: () => {
        const config = AppConfig.fromEnvironment();
        if (config.usesDevelopmentSecret) {
          new Logger('Config').warn(
            'JWT_SECRET is not set: using the fixed development secret (NODE_ENV=development only)',
          );
        }
        return config;
      },
    },
  ],
  exports: [AppConfig],
})
export class AppConfigModule {}
