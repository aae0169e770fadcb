import { AppConfig } from './app-config';
import { EnvironmentError } from './environment';

describe('AppConfig: who issues the tokens', () => {
  it('runs the embedded provider by default in development and test, at PUBLIC_URL/idp', () => {
    expect(AppConfig.fromEnvironment({ NODE_ENV: 'development' }).identity).toEqual({
      issuer: 'http://localhost:3000/idp',
      embedded: true,
      publicUrl: 'http://localhost:3000',
      audience: 'credit-risk-api',
    });
    const c = AppConfig.fromEnvironment({
      NODE_ENV: 'test',
      PORT: '8080',
      PUBLIC_URL: 'https://crs.example.gov.cn',
    });
    expect(c.identity).toMatchObject({ issuer: 'https://crs.example.gov.cn/idp', embedded: true });
  });

  it('takes a remote provider when OIDC_ISSUER is set, and then serves none', () => {
    const c = AppConfig.fromEnvironment({
      NODE_ENV: 'development',
      OIDC_ISSUER: 'https://sso.example.gov.cn/realms/samr',
    });
    expect(c.identity).toMatchObject({
      issuer: 'https://sso.example.gov.cn/realms/samr',
      embedded: false,
    });
  });

  it('in production wants OIDC_ISSUER, or IDP_EMBEDDED=true to serve the embedded provider', () => {
    expect(() => AppConfig.fromEnvironment({ NODE_ENV: 'production' })).toThrow(EnvironmentError);
    expect(() => AppConfig.fromEnvironment({ NODE_ENV: 'production' })).toThrow(
      /OIDC_ISSUER: required in production/,
    );
    expect(
      AppConfig.fromEnvironment({ NODE_ENV: 'production', IDP_EMBEDDED: 'true' }).identity.embedded,
    ).toBe(true);
    expect(
      AppConfig.fromEnvironment({ NODE_ENV: 'development', IDP_EMBEDDED: 'false' }).identity
        .embedded,
    ).toBe(false);
  });

  it('names a malformed issuer or claim name', () => {
    expect(() =>
      AppConfig.fromEnvironment({ NODE_ENV: 'test', OIDC_ISSUER: 'https://sso.example/' }),
    ).toThrow(/OIDC_ISSUER must be an http\(s\) URL without a trailing slash/);
    expect(() => AppConfig.fromEnvironment({ NODE_ENV: 'test', OIDC_CLAIM_ROLE: 'a b' })).toThrow(
      /OIDC_CLAIM_ROLE/,
    );
  });
});

describe('AppConfig: config folders', () => {
  it('reads the working-day calendar from CONFIG_DIR/calendar unless CALENDAR_DIR says otherwise', () => {
    expect(
      AppConfig.fromEnvironment({ NODE_ENV: 'test', CONFIG_DIR: '/etc/crs' }).calendarDir,
    ).toBe('/etc/crs/calendar');
    expect(
      AppConfig.fromEnvironment({
        NODE_ENV: 'test',
        CONFIG_DIR: '/etc/crs',
        CALENDAR_DIR: '/srv/calendar',
      }).calendarDir,
    ).toBe('/srv/calendar');
  });
});
