/** True for MySQL/MariaDB duplicate-key errors (ER_DUP_ENTRY), however TypeORM wraps them. */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e?.code === 'ER_DUP_ENTRY' || e?.driverError?.code === 'ER_DUP_ENTRY';
}
