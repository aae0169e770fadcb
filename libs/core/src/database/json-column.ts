/** A JSON column's value: MariaDB returns JSON columns as text, MySQL 8 as parsed values. */
export function parseJsonColumn<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}
