import type { AppConfig } from '@app/core';

/**
 * The one block a start prints: where everything is. Development adds where
 * the development accounts are (they are refused in production).
 */
export function startupBanner(config: Pick<AppConfig, 'env' | 'identity'>): string {
  const base = config.identity.publicUrl;
  const idp = config.identity.embedded
    ? `${config.identity.issuer} (embedded)`
    : `${config.identity.issuer} (OIDC_ISSUER)`;
  const lines = [
    `credit risk service (${config.env.NODE_ENV}) listening on port ${config.env.PORT}`,
    `  API          ${base}/api/v1`,
    `  OpenAPI      ${base}/docs  (JSON: ${base}/docs-json)`,
    `  console      ${base}/console`,
    `  identity     ${idp}`,
    `  queue board  ${base}/admin/queues  (admin)`,
    `  metrics      ${base}/metrics`,
  ];
  if (config.identity.embedded && config.env.NODE_ENV !== 'production') {
    lines.push(
      '  accounts     config/identity/accounts.yaml (password dev-password; see docs/identity.md),',
      '               or a token: npm run token -- --role regulator --region 3301',
    );
  }
  return lines.join('\n');
}
