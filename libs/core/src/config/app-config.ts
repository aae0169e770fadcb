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

export interface DatabaseHost {
  host: string;
  port: number;
}

export interface DatabaseSettings {
  /** The first of `hosts`. */
  host: string;
  port: number;
  /**
   * Every server, in the order the pool prefers them: one for a single
   * server, the nodes of a Galera cluster (writes go to the first one up).
   */
  hosts: DatabaseHost[];
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
    this.database = parseDatabaseUrl(env.DATABASE_URL, env.DATABASE_HOSTS);
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

/**
 * `mysql://user:password@host[:port][,host[:port]…]/database`: several hosts
 * are the nodes of a cluster (WHATWG URLs take one host, so this is parsed by
 * hand). DATABASE_HOSTS, when set, names the hosts instead.
 */
export function parseDatabaseUrl(url: string, hostsOverride?: string): DatabaseSettings {
  const m = /^mysql:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)\/([^?]+)/.exec(url);
  if (!m) throw new Error('DATABASE_URL must look like mysql://user:password@host:port/database');
  const hosts = parseHosts(hostsOverride ?? m[3]);
  return {
    host: hosts[0].host,
    port: hosts[0].port,
    hosts,
    user: decodeURIComponent(m[1] ?? ''),
    password: decodeURIComponent(m[2] ?? ''),
    database: m[4],
  };
}

function parseHosts(list: string): DatabaseHost[] {
  return list.split(',').map((h) => {
    const [host, port] = h.trim().split(':');
    return { host, port: port ? Number(port) : 3306 };
  });
}
