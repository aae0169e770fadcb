/** InnoDB gave up on a lock: the transaction was rolled back and may simply be run again. */
export function isLockConflict(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

/**
 * Runs a whole transaction again when InnoDB chose it as a deadlock victim
 * (concurrent first inserts of neighbouring keys take gap locks, for one), a
 * few times with jitter, so a deadlock never reaches the client.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isLockConflict(err) || attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, attempt * (5 + Math.random() * 20)));
    }
  }
}
