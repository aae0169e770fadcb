import { AppConfig, isJurisdiction, isValidUscc, normalizeUscc } from '@app/core';
// The parts it needs, not the library's index: that would load oidc-provider for nothing.
import {
  claimsOf,
  Directory,
  issueAccessToken,
  type TokenSubject,
  SigningKeys,
} from '@app/identity';
import { CliError, parseOptions } from '../args';

export const tokenHelp = `token --account reg-3301            a development account of config/identity/accounts.yaml
token --client crs-batch [--secret S]  client credentials from the running embedded provider (or OIDC_ISSUER)
token --role admin|regulator|enterprise [--region 3301] [--uscc 9133...] [--sub name]
  [--hours 1]
  Prints an access token of the embedded OpenID provider. --account and --role sign it with the
  provider's key (IDP_KEYS_FILE) exactly as the provider would, without a server (not in production);
  --client asks the provider's token endpoint, so the service must be running.`;

export async function tokenCommand(argv: string[]): Promise<void> {
  const { values } = parseOptions(argv, {
    account: { type: 'string' },
    client: { type: 'string' },
    secret: { type: 'string' },
    role: { type: 'string' },
    region: { type: 'string' },
    uscc: { type: 'string' },
    sub: { type: 'string' },
    hours: { type: 'string', default: '1' },
  });
  const config = AppConfig.fromEnvironment();
  if (values.client) {
    process.stdout.write((await clientCredentials(config, values.client, values.secret)) + '\n');
    return;
  }
  if (config.env.NODE_ENV === 'production') {
    throw new CliError('in production tokens come from the provider: use --client');
  }
  if (!config.identity.embedded) {
    throw new CliError(
      `tokens are issued by ${config.identity.issuer}: use --client, or unset OIDC_ISSUER`,
    );
  }
  const hours = Number(values.hours);
  const maxHours = config.env.JWT_MAX_LIFETIME_SECONDS / 3600;
  if (!Number.isFinite(hours) || hours <= 0 || hours > maxHours) {
    throw new CliError(
      `--hours must be more than 0 and at most ${maxHours} (JWT_MAX_LIFETIME_SECONDS)`,
    );
  }
  const subject = values.account
    ? await accountSubject(config, values.account)
    : roleSubject(values);
  const keys = await SigningKeys.load(config);
  try {
    process.stdout.write(
      (await issueAccessToken(config, keys, subject, Math.round(hours * 3600))) + '\n',
    );
  } finally {
    keys.onModuleDestroy();
  }
}

async function accountSubject(config: AppConfig, username: string): Promise<TokenSubject> {
  const directory = await Directory.load(config.env.IDP_CONFIG_DIR, false);
  const account = directory.accounts.get(username);
  if (!account) {
    throw new CliError(
      `no account ${username} in ${config.env.IDP_CONFIG_DIR}/accounts.yaml; there are: ${[...directory.accounts.keys()].join(', ')}`,
    );
  }
  return { sub: account.username, ...claimsOf(account) };
}

function roleSubject(values: Record<string, string | undefined>): TokenSubject {
  const role = values.role;
  if (role === 'regulator') {
    if (!values.region || !isJurisdiction(values.region)) {
      throw new CliError(
        'a regulator token needs --region with 2, 4 or 6 digits, e.g. --region 3301',
      );
    }
    return { sub: values.sub ?? `regulator-${values.region}`, role, region: values.region };
  }
  if (role === 'enterprise') {
    if (!values.uscc || !isValidUscc(values.uscc)) {
      throw new CliError(
        'an enterprise token needs --uscc with a valid unified social credit code',
      );
    }
    const uscc = normalizeUscc(values.uscc);
    return { sub: values.sub ?? `enterprise-${uscc}`, role, uscc };
  }
  if (role === 'admin') return { sub: values.sub ?? 'admin', role };
  throw new CliError('give --account NAME, --client ID, or --role admin|regulator|enterprise');
}

/** The OAuth client credentials grant against the provider's token endpoint (from its discovery). */
async function clientCredentials(
  config: AppConfig,
  clientId: string,
  secret?: string,
): Promise<string> {
  // The client's secret as the provider knows it: its secretEnv variable, or outside production its devSecret.
  const clientSecret = secret ?? (await clientSecretOf(config, clientId));
  if (!clientSecret) throw new CliError(`no secret for ${clientId}: give --secret`);
  const issuer = config.identity.issuer;
  let tokenEndpoint: string;
  try {
    const discovery = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5000),
    });
    tokenEndpoint = ((await discovery.json()) as { token_endpoint: string }).token_endpoint;
  } catch (err) {
    throw new CliError(
      `the provider at ${issuer} does not answer (${(err as Error).message}): is the service running (npm start)?`,
    );
  }
  const res = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api' }),
  });
  const body = (await res.json()) as {
    access_token?: string;
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !body.access_token) {
    throw new CliError(
      `the provider refused: ${body.error ?? res.status} ${body.error_description ?? ''}`.trim(),
    );
  }
  return body.access_token;
}

async function clientSecretOf(config: AppConfig, clientId: string): Promise<string | undefined> {
  const production = config.env.NODE_ENV === 'production';
  const directory = await Directory.load(config.env.IDP_CONFIG_DIR, production).catch(() => null);
  return directory?.clients.find((c) => c.clientId === clientId)?.secret;
}
