import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/**
 * Every environment variable the service reads, validated once at boot.
 * A bad value stops the process with a message naming the variable.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'production';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @Matches(/^mysql:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/, {
    message: 'DATABASE_URL must look like mysql://user:password@host:port/database',
  })
  DATABASE_URL = 'mysql://root:@127.0.0.1:3306/credit_risk';

  /**
   * The nodes of a database cluster, `host:port,host:port,…` (or name them in
   * DATABASE_URL): the pool sends everything to the first one up and fails
   * over to the next (docs/scaling.md).
   */
  @IsOptional()
  @Matches(/^[\w.-]+(:\d{1,5})?(,[\w.-]+(:\d{1,5})?)*$/, {
    message: 'DATABASE_HOSTS must look like host1:3306,host2:3306,host3:3306',
  })
  DATABASE_HOSTS?: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:port' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Redis Sentinel: `host:port,host:port,…` of the sentinels. When set, every
   * Redis client asks them for the primary of REDIS_SENTINEL_NAME (and again
   * after a failover); REDIS_URL then gives only the password and database.
   */
  @IsOptional()
  @Matches(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, {
    message: 'REDIS_SENTINELS must look like host1:26379,host2:26379,host3:26379',
  })
  REDIS_SENTINELS?: string;

  @Matches(/^[\w.-]{1,64}$/, { message: 'REDIS_SENTINEL_NAME must be a Sentinel master name' })
  REDIS_SENTINEL_NAME = 'crs';

  @Matches(/^[A-Za-z0-9_:-]{1,64}$/, { message: 'REDIS_PREFIX must be 1–64 of A-Z a-z 0-9 _ : -' })
  REDIS_PREFIX = 'crs';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * `npm start` in development fills an empty registry with a demo population
   * (10,000 synthetic enterprises, fixed seed) and classifies it; `false` (or
   * `npm start -- --no-demo`) starts empty. Never in production or test.
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  DEMO_DATA?: 'true' | 'false';

  /** Folder with models/, repair-policies/, calendar/, measures.yaml. */
  @IsString()
  CONFIG_DIR = 'config';

  /**
   * Folder with the working-day calendar, one `<year>.yaml` per State Council
   * holiday notice. Unset: `<CONFIG_DIR>/calendar`.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  CALENDAR_DIR?: string;

  /** The model version used for re-scoring and nightly runs unless a run names another. */
  @Matches(/^[a-z0-9][a-z0-9.-]*$/, { message: 'MODEL_VERSION must be a model file version' })
  MODEL_VERSION = 'samr-general-v1';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 4;

  /** Where uploaded credit-repair evidence is stored, content-addressed by sha256. */
  @IsString()
  @MinLength(1)
  EVIDENCE_DIR = 'var/evidence';

  /** Evidence uploads received at once per API process; past it, 503 with Retry-After. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  EVIDENCE_MAX_CONCURRENT_UPLOADS = 8;

  /** Bytes of evidence one enterprise may hold (default 200 MiB); past it, 413 naming the quota. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  EVIDENCE_QUOTA_BYTES = 200 * 1024 ** 2;

  /** Evidence files one enterprise may hold; past it, 413 naming the quota. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  EVIDENCE_QUOTA_FILES = 100;

  /**
   * Hours after which an upload no application of its uploader cites is
   * removed by the worker's evidence sweep (default 7 days).
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  EVIDENCE_UNREFERENCED_MAX_AGE_HOURS = 168;

  /**
   * Where POST /imports spools request bodies until the worker has imported
   * them. API and workers must see the same directory (a shared mount when
   * they run on different machines).
   */
  @IsString()
  @MinLength(1)
  IMPORT_DIR = 'var/imports';

  /** Largest accepted import body in bytes (default 4 GiB); larger uploads get 413. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  IMPORT_MAX_BYTES = 4 * 1024 ** 3;

  /** Lines per import batch: one transaction and a handful of multi-row statements each. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10000)
  IMPORT_BATCH_SIZE = 500;

  /** Enterprises per reclassification chunk job (primary-key ranges). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(50000)
  RECLASSIFY_CHUNK_SIZE = 2000;

  /** When the nightly incremental run starts (cron, in RECLASSIFY_TZ). */
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'RECLASSIFY_CRON must be a 5-field cron pattern' })
  RECLASSIFY_CRON = '0 2 * * *';

  @IsString()
  RECLASSIFY_TZ = 'Asia/Shanghai';

  /**
   * When the daily escalation sweep runs (cron, in ESCALATION_TZ): abnormal-list
   * listings in force for 3 years are flagged for the serious dishonest list.
   */
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'ESCALATION_CRON must be a 5-field cron pattern' })
  ESCALATION_CRON = '30 1 * * *';

  @IsString()
  ESCALATION_TZ = 'Asia/Shanghai';

  /**
   * How long a job's lock lives without renewal, and how often workers look
   * for jobs whose worker died (kill -9): such a job runs again elsewhere.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1000)
  QUEUE_LOCK_MS = 30000;

  /**
   * Partner deliveries (docs/events.md): the first retry waits about
   * DELIVERY_RETRY_BASE_MS, each next one twice as long (with jitter), never
   * more than DELIVERY_RETRY_MAX_MS; after DELIVERY_MAX_ATTEMPTS the delivery
   * goes to the dead-letter list. The defaults keep retrying for at least 1 h 25 min
   * (at most 2 h 50 min): a partner down for an hour loses nothing.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(10)
  DELIVERY_RETRY_BASE_MS = 5000;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(10)
  DELIVERY_RETRY_MAX_MS = 900_000;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  DELIVERY_MAX_ATTEMPTS = 18;

  /** Failures in a row after which a subscription's circuit opens, and how long it stays open. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  DELIVERY_BREAKER_FAILURES = 5;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(10)
  DELIVERY_BREAKER_OPEN_MS = 30_000;

  /** How long a partner has to answer one delivery. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(100)
  DELIVERY_TIMEOUT_MS = 10_000;

  /** How often a worker relays new events from the outbox and sweeps for due retries. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(10)
  DELIVERY_POLL_MS = 200;

  /**
   * How long a queued delivery job owns its deliveries: after it, the sweep
   * queues them again (the job was lost with Redis, or its worker died).
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(100)
  DELIVERY_LEASE_MS = 60_000;

  /** Requests one worker has in flight to partners at once. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(512)
  DELIVERY_CONCURRENCY = 32;

  /**
   * When set, `/metrics` wants `Authorization: Bearer <METRICS_TOKEN>` (Prometheus
   * `authorization.credentials_file`); unset, it is open for a port only the scraper reaches.
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;
  /**
   * Legacy HS256 tokens (only while JWT_SECRET is set) must carry this `iss`;
   * OpenID provider tokens carry the provider's.
   */
  @Matches(/^\S{1,200}$/, { message: 'JWT_ISSUER must be 1–200 characters without spaces' })
  JWT_ISSUER = 'credit-risk-service';

  /** The `aud` every access token must carry: this API as a resource server (docs/identity.md). */
  @Matches(/^\S{1,200}$/, { message: 'OIDC_AUDIENCE must be 1–200 characters without spaces' })
  OIDC_AUDIENCE = 'credit-risk-api';

  /**
   * The OpenID provider whose access tokens are accepted (discovery at
   * `<issuer>/.well-known/openid-configuration`). Unset: the embedded provider
   * under `/idp` is the issuer.
   */
  @IsOptional()
  @Matches(/^https?:\/\/\S+[^/]$/, {
    message: 'OIDC_ISSUER must be an http(s) URL without a trailing slash',
  })
  OIDC_ISSUER?: string;

  /** Claim names that carry the role, jurisdiction, USCC and display name (a Keycloak realm's mappers). */
  @Matches(/^[\w.:-]{1,64}$/, { message: 'OIDC_CLAIM_ROLE must be a claim name' })
  OIDC_CLAIM_ROLE = 'role';

  @Matches(/^[\w.:-]{1,64}$/, { message: 'OIDC_CLAIM_REGION must be a claim name' })
  OIDC_CLAIM_REGION = 'region';

  @Matches(/^[\w.:-]{1,64}$/, { message: 'OIDC_CLAIM_USCC must be a claim name' })
  OIDC_CLAIM_USCC = 'uscc';

  @Matches(/^[\w.:-]{1,64}$/, { message: 'OIDC_CLAIM_NAME must be a claim name' })
  OIDC_CLAIM_NAME = 'name';

  /** How long fetched provider keys are used before they are fetched again (unknown `kid`s refetch sooner). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(86400)
  OIDC_JWKS_MAX_AGE_SECONDS = 600;

  /** At most one JWKS refetch per this many seconds, however many unknown `kid`s arrive. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(3600)
  OIDC_JWKS_COOLDOWN_SECONDS = 30;

  /** The address people and systems reach this service at: the embedded provider's issuer is `<PUBLIC_URL>/idp`. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/\s]+$/, {
    message: 'PUBLIC_URL must be an http(s) origin like https://crs.example.gov.cn',
  })
  PUBLIC_URL?: string;

  /** The embedded provider: on by default in development and test, off in production unless `true`. */
  @IsOptional()
  @IsIn(['true', 'false'])
  IDP_EMBEDDED?: 'true' | 'false';

  /** The embedded provider's private signing keys (a JWKS; the first signs, all verify). Created in development. */
  @IsString()
  IDP_KEYS_FILE = 'var/idp-keys.json';

  /** Folder with accounts.yaml and clients.yaml for the embedded provider. */
  @IsString()
  IDP_CONFIG_DIR = 'config/identity';

  /** Access-token lifetime the embedded provider issues. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(60)
  @Max(43200)
  IDP_ACCESS_TOKEN_TTL_SECONDS = 3600;

  /** Failed sign-ins of one account before each next attempt waits (doubling, up to 15 min). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  IDP_LOCKOUT_AFTER = 5;

  /** Tolerated clock difference with the token issuer for `exp`, `nbf` and `iat`. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(300)
  JWT_CLOCK_SKEW_SECONDS = 30;

  /** Requests per caller (token sub, else IP) per window, counted in Redis across API instances. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT = 600;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(86400)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /**
   * Requests per client address per RATE_LIMIT_WINDOW_SECONDS that carry no
   * valid token (none, a bad one, /health and other public routes); counted
   * before authentication, in Redis. 429 with Retry-After beyond.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_UNAUTHENTICATED = 120;

  /** Largest JSON body; larger ones get 413 (imports and evidence have their own limits). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 ** 2)
  BODY_LIMIT_BYTES = 1024 ** 2;

  /** Browser origins allowed to call the API (comma-separated); empty: same origin only. */
  @Matches(/^(https?:\/\/[^\s,/]+(,https?:\/\/[^\s,/]+)*)?$/, {
    message: 'CORS_ORIGINS must be comma-separated origins like https://console.example.gov.cn',
  })
  CORS_ORIGINS = '';

  /** The audit trail is written in multi-row inserts: every AUDIT_FLUSH_MS or AUDIT_BATCH_SIZE entries. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(10)
  @Max(60000)
  AUDIT_FLUSH_MS = 1000;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(5000)
  AUDIT_BATCH_SIZE = 500;

  /** Entries kept in memory while MySQL is unreachable; at it, audited requests are refused (503), none dropped. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(100)
  AUDIT_MAX_BUFFERED = 100000;

  /** How often a worker moves re-scorings that could not be queued (Redis down) from MySQL to the queue. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(50)
  @Max(600000)
  RESCORE_OUTBOX_RELAY_MS = 5000;

  /**
   * The queue board answers only reads (GET, HEAD) unless this is `false`:
   * its actions (pause, retry, clean, add, promote) change what the workers do.
   */
  /**
   * Proxies whose X-Forwarded-For is believed for the client address (rate
   * limits, logs, audit): comma-separated IPs or CIDR ranges. Empty: none, the
   * address is the socket's.
   */
  @Matches(/^([0-9A-Fa-f.:/]+(,\s*[0-9A-Fa-f.:/]+)*)?$/, {
    message: 'TRUST_PROXY must be comma-separated IP addresses or CIDR ranges',
  })
  TRUST_PROXY = '';

  @IsIn(['true', 'false'])
  QUEUE_BOARD_READ_ONLY: 'true' | 'false' = 'true';

  /** Longest a token may live: one whose exp − iat exceeds it (or, without iat, whose exp is further away) is refused. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(60)
  @Max(30 * 86400)
  JWT_MAX_LIFETIME_SECONDS = 12 * 3600;

  /**
   * Slow-client limits (Node's http server): the headers must arrive within
   * HTTP_HEADERS_TIMEOUT_MS and the whole request (headers and body) within
   * HTTP_REQUEST_TIMEOUT_MS, else 408 and the connection closes; a connection
   * idle for HTTP_IDLE_TIMEOUT_MS is closed, and keep-alive waits
   * HTTP_KEEP_ALIVE_TIMEOUT_MS for a next request.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(100)
  @Max(600000)
  HTTP_HEADERS_TIMEOUT_MS = 10000;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(100)
  @Max(3600000)
  HTTP_REQUEST_TIMEOUT_MS = 600000;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(100)
  @Max(3600000)
  HTTP_IDLE_TIMEOUT_MS = 60000;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(100)
  @Max(600000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 5000;
}

export class EnvironmentError extends Error {}

function toEnvironment(raw: Record<string, string | undefined>): Environment {
  const defined = Object.fromEntries(
    Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''),
  );
  return plainToInstance(Environment, defined, { exposeDefaultValues: true });
}

function problemsOf(env: Environment, only?: keyof Environment): string[] {
  return validateSync(env, { skipMissingProperties: false })
    .filter((e) => only === undefined || e.property === only)
    .map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
}

export function validateEnvironment(raw: Record<string, string | undefined>): Environment {
  const env = toEnvironment(raw);
  const problems = problemsOf(env);
  if (env.NODE_ENV === 'production' && !env.OIDC_ISSUER && env.IDP_EMBEDDED !== 'true') {
    problems.push(
      'OIDC_ISSUER: required in production (or IDP_EMBEDDED=true to run the embedded provider)',
    );
  }
  if (problems.length > 0) {
    throw new EnvironmentError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return env;
}

/**
 * One setting, read with the same rules and default as the whole environment,
 * for the few places that need it before the application context exists: a
 * BullMQ processor's options are fixed by its class decorator, and the loggers
 * are made before Nest's modules. The full environment is still validated at boot.
 */
export function environmentSetting<K extends keyof Environment>(
  key: K,
  raw: Record<string, string | undefined> = process.env,
): Environment[K] {
  const env = toEnvironment(raw);
  const problems = problemsOf(env, key);
  if (problems.length > 0) {
    throw new EnvironmentError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return env[key];
}
