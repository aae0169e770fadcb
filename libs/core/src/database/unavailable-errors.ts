/** Driver error codes that mean "cannot reach the database", not "the query is wrong". */
const MYSQL_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);

/** ioredis has no codes for these: a command refused while the connection is down. */
const REDIS_UNREACHABLE = [
  "Stream isn't writeable",
  'Connection is closed',
  'Command timed out',
  'Reached the max retries per request limit',
];

/** True when MySQL could not be reached (however TypeORM wraps the driver's error). */
export function isDatabaseUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; fatal?: unknown; driverError?: { code?: unknown } };
  if (!e || typeof e !== 'object') return false;
  const code = e.driverError?.code ?? e.code;
  return typeof code === 'string' && MYSQL_UNREACHABLE.has(code);
}

/** True when Redis could not be reached by a client that fails fast. */
export function isQueueUnreachable(err: unknown): boolean {
  const message = (err as { message?: unknown })?.message;
  return typeof message === 'string' && REDIS_UNREACHABLE.some((m) => message.includes(m));
}
