import { join, resolve } from 'node:path';
import { Environment, validateEnvironment } from './environment';

/** Who issues the access tokens this API accepts (docs/identity.md). */
export interface IdentitySettings {
  /** The OpenID provider's issuer: OIDC_ISSUER, else the embedded provider at `<publicUrl>/idp`. */
  issuer: string;
  /** Whether this process serves the embedded provider under /idp. */
  embedded: boolean;
  publicUrl: string;
  audience: string;
}

export interface DatabaseSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** Typed, derived configuration. Built once from the validated environment. */
export class AppConfig {
  readonly env: Environment;
  readonly database: DatabaseSettings;
  readonly configDir: string;
  /** The working-day calendar's files: CALENDAR_DIR, else `<configDir>/calendar`. */
  readonly calendarDir: string;
  readonly identity: IdentitySettings;

  constructor(env: Environment) {
    this.env = env;
    this.database = parseDatabaseUrl(env.DATABASE_URL);
    this.configDir = resolve(env.CONFIG_DIR);
    this.calendarDir = env.CALENDAR_DIR
      ? resolve(env.CALENDAR_DIR)
      : join(this.configDir, 'calendar');
    const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
    const embedded =
      !env.OIDC_ISSUER &&
      (env.IDP_EMBEDDED === 'true' ||
        (env.IDP_EMBEDDED !== 'false' && env.NODE_ENV !== 'production'));
    this.identity = {
      issuer: env.OIDC_ISSUER ?? `${publicUrl}/idp`,
      embedded,
      publicUrl,
      audience: env.OIDC_AUDIENCE,
    };
  }

  static fromEnvironment(raw: Record<string, string | undefined> = process.env): AppConfig {
    return new AppConfig(validateEnvironment(raw));
  }
}

function parseDatabaseUrl(url: string): DatabaseSettings {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ''),
  };
}
