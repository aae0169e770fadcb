import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import { AppConfig, Caller, Clock, FixedClock } from '@app/core';
import { issueAccessToken, SigningKeys } from '@app/identity';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { createHttpAdapter } from '../../apps/api/src/http-adapter';
import { applyTestEnvironment } from '../setup/test-environment';
import { enterpriseBody } from './fixtures';

/** The as-of instant of every e2e test: fixed, so no test depends on today's date. */
export const TEST_NOW = '2026-06-15T02:00:00.000Z';

export interface TestApp {
  app: NestFastifyApplication;
  clock: FixedClock;
  http: () => ReturnType<typeof request>;
  /** The embedded provider's issuer (`iss` of its tokens). */
  issuer: string;
  /** An access token from the embedded provider (its key, issuer, audience) for any caller. */
  token: (caller: Omit<Caller, 'sub'> & { sub?: string }) => Promise<string>;
  /** Creates an enterprise as an admin through the API (expects 201) from `enterpriseBody(overrides)`. */
  putEnterprise: (
    uscc: string,
    overrides?: Record<string, unknown>,
  ) => Promise<Record<string, unknown>>;
  /** Adds a record as an admin through the API (expects 201) and returns the created record. */
  addRecord: (uscc: string, body: object) => Promise<{ id: number } & Record<string, unknown>>;
  close: () => Promise<void>;
}

/** Boots the real AppModule against this run's MySQL and Redis, with a fixed clock. */
export async function createTestApp(
  customize: (b: TestingModuleBuilder) => TestingModuleBuilder = (b) => b,
): Promise<TestApp> {
  applyTestEnvironment();
  const clock = new FixedClock(TEST_NOW);
  const moduleRef = await customize(
    Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(Clock)
      .useValue(clock),
  ).compile();
  const app = await configureApp(
    moduleRef.createNestApplication<NestFastifyApplication>(
      createHttpAdapter(AppConfig.fromEnvironment().env),
      { bufferLogs: true },
    ),
  );
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const config = app.get(AppConfig);
  const keys = app.get(SigningKeys) as SigningKeys | null;
  const token = async (c: Omit<Caller, 'sub'> & { sub?: string }) => {
    // An app verifying a remote provider's tokens (OIDC_ISSUER) has no key to sign with.
    if (!keys) throw new Error('this app has no embedded provider: ask the provider for tokens');
    return issueAccessToken(config, keys, { sub: c.sub ?? `${c.role}-test`, ...c } as Caller);
  };
  let adminToken: Promise<string> | undefined;
  const admin = () => (adminToken ??= token({ role: 'admin' }));
  return {
    app,
    clock,
    http: () => request(app.getHttpServer()),
    issuer: config.identity.issuer,
    token,
    putEnterprise: async (uscc, overrides = {}) =>
      (
        await request(app.getHttpServer())
          .put(`/api/v1/enterprises/${uscc}`)
          .set('Authorization', `Bearer ${await admin()}`)
          .send(enterpriseBody(overrides))
          .expect(201)
      ).body,
    addRecord: async (uscc, body) =>
      (
        await request(app.getHttpServer())
          .post(`/api/v1/enterprises/${uscc}/records`)
          .set('Authorization', `Bearer ${await admin()}`)
          .send(body)
          .expect(201)
      ).body,
    close: () => app.close(),
  };
}
