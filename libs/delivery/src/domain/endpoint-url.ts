const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why a partner endpoint is refused, or null: HTTPS, or plain HTTP to this
 * machine's loopback (tests, development); no credentials in the URL (the
 * signature authenticates the sender; the partner authenticates nothing by URL).
 */
export function endpointProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'url must be an absolute URL';
  }
  if (u.username || u.password) return 'url must not carry credentials';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && LOOPBACK.has(u.hostname)) return null;
  return 'url must be https (plain http only to 127.0.0.1, ::1 or localhost)';
}
