/** The longest an account waits between attempts, however many failed. */
const MAX_WAIT_MS = 15 * 60_000;
/** Accounts remembered; the oldest is forgotten first (unknown names count too). */
const MAX_TRACKED = 50_000;

/**
 * Slows password guessing down per account name: after `freeFailures` wrong
 * passwords, each next attempt must wait 1 s, 2 s, 4 s … (up to 15 min) after
 * the last failure. Unknown names are tracked like real ones, so the answers
 * never tell which accounts exist. A success clears the count. In memory: one
 * process guards its own sign-in page (docs/identity.md says so for several).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; lastAt: number }>();

  constructor(
    private readonly freeFailures: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds `username` must still wait before trying again (0: may try now). */
  waitMs(username: string): number {
    const f = this.failures.get(username.toLowerCase());
    if (!f || f.count < this.freeFailures) return 0;
    const backoff = Math.min(1000 * 2 ** (f.count - this.freeFailures), MAX_WAIT_MS);
    return Math.max(0, f.lastAt + backoff - this.now());
  }

  failed(username: string): void {
    const key = username.toLowerCase();
    const f = this.failures.get(key) ?? { count: 0, lastAt: 0 };
    this.failures.delete(key); // re-inserted last: the map's order is recency
    if (this.failures.size >= MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, { count: f.count + 1, lastAt: this.now() });
  }

  succeeded(username: string): void {
    this.failures.delete(username.toLowerCase());
  }
}
