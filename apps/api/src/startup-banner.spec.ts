import { AppConfig } from '@app/core';
import { startupBanner } from './startup-banner';

describe('startupBanner', () => {
  it('names the API, OpenAPI, console, provider and queue board, and the development accounts', () => {
    const banner = startupBanner(
      AppConfig.fromEnvironment({ NODE_ENV: 'development', PORT: '3100' }),
    );
    for (const url of [
      'http://localhost:3100/api/v1',
      'http://localhost:3100/docs',
      'http://localhost:3100/console',
      'http://localhost:3100/idp (embedded)',
      'http://localhost:3100/admin/queues',
    ]) {
      expect(banner).toContain(url);
    }
    expect(banner).toContain('config/identity/accounts.yaml');
    expect(banner).toContain('docs/identity.md');
  });

  it('uses PUBLIC_URL, and names a remote provider without development accounts', () => {
    const banner = startupBanner(
      AppConfig.fromEnvironment({
        NODE_ENV: 'development',
        PUBLIC_URL: 'https://crs.example.gov.cn',
        OIDC_ISSUER: 'https://sso.example.gov.cn',
      }),
    );
    expect(banner).toContain('https://crs.example.gov.cn/console');
    expect(banner).toContain('https://sso.example.gov.cn (OIDC_ISSUER)');
    expect(banner).not.toContain('accounts.yaml');
  });
});
