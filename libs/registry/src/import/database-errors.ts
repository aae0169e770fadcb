/** Errors that say nothing about the line being written: retry, or fail the job and resume later. */
const TRANSIENT_CODES = new Set([
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_QUERY_INTERRUPTED',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_SERVER_SHUTDOWN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

interface DriverError {
  code?: string;
  errno?: number;
  sqlMessage?: string;
  fatal?: boolean;
}

function driverError(err: unknown): DriverError | undefined {
  const e = err as DriverError & { driverError?: DriverError };
  if (e?.driverError) return e.driverError;
  return e && (e.errno !== undefined || e.sqlMessage !== undefined) ? e : undefined;
}

export function isTransientDbError(err: unknown): boolean {
  const d = driverError(err) ?? (err as DriverError);
  return Boolean(d?.fatal) || TRANSIENT_CODES.has(d?.code ?? '');
}

/**
 * The database refused something in the data itself (a value out of range for
 * its column, say): worth retrying line by line so the one bad line can be
 * named and the others written.
 */
export function isDataRefusal(err: unknown): boolean {
  const d = driverError(err);
  return d !== undefined && d.sqlMessage !== undefined && !isTransientDbError(err);
}

export function refusalReason(err: unknown): string {
  return `refused by the database: ${driverError(err)?.sqlMessage ?? (err as Error).message}`;
}
