import { resolve } from 'node:path';
import { Environment, validateEnvironment } from './environment';

/** A fixed secret for local development only; every token it signs is worthless elsewhere. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production';

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
  readonly jwtSecret: string;
  readonly usesDevelopmentSecret: boolean;
  readonly configDir: string;

  constructor(env: Environment) {
    this.env = env;
    this.database = parseDatabaseUrl(env.DATABASE_URL);
    this.usesDevelopmentSecret = !env.JWT_SECRET;
    this.jwtSecret = env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
    this.configDir = resolve(env.CONFIG_DIR);
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
