import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { Logger } from 'pino';
import { environmentSetting, logDestination, logFormat } from '@app/core';

/** Lines wait at most this long in the write buffer (an operator tailing a quiet service sees them). */
const FLUSH_MS = 1000;

/** The API's pino logger, which the request lines (request-log.ts) are written to. */
export const API_LOGGER = 'API_LOGGER';

/**
 * Structured JSON logs (pino-pretty lines in development on a terminal): Nest's own (through nestjs-pino) and one line per
 * request (request-log.ts, with the request id taken from X-Request-Id when a
 * proxy set one). Tokens and cookies never reach the log.
 */
@Module({})
export class LoggingModule implements OnApplicationShutdown {
  constructor(@Inject(API_LOGGER) private readonly logger: Logger) {}

  /**
   * Nest re-raises SIGTERM once the app is closed, and a process ended by a
   * signal runs no exit handler: without this the last buffered lines are lost.
   */
  onApplicationShutdown(): Promise<void> {
    return new Promise((resolve) => this.logger.flush(() => resolve()));
  }

  static forRoot(): DynamicModule {
    const logger: Logger = pino(
      { level: environmentSetting('LOG_LEVEL') },
      logDestination(logFormat(environmentSetting('NODE_ENV'), Boolean(process.stdout.isTTY))),
    );
    setInterval(() => logger.flush(), FLUSH_MS).unref();
    return {
      module: LoggingModule,
      global: true,
      // No routes: requests are logged by a Fastify hook, not by pino-http's middleware.
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, forRoutes: [] })],
      providers: [{ provide: API_LOGGER, useValue: logger }],
      exports: [API_LOGGER],
    };
  }
}
