import type { Queue } from 'bullmq';

/** How long a producer waits for Redis before giving up on a job. */
export const ENQUEUE_TIMEOUT_MS = 2000;

export class QueueUnavailableError extends Error {
  constructor(reason: string) {
    super(`Connection is closed: the job queue is unreachable (${reason})`);
  }
}

/**
 * Runs a producer call (`queue.add`) only if the queue's Redis connection is
 * up, and gives up after ENQUEUE_TIMEOUT_MS. The shared connection keeps
 * `maxRetriesPerRequest: null`, which workers need but which makes a plain
 * `queue.add` wait for Redis forever: an HTTP request must not.
 */
export async function enqueueFast<T>(queue: Queue, add: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError('timeout')), ENQUEUE_TIMEOUT_MS);
  });
  try {
    const backend = queue.getBackend() as unknown as { client: Promise<{ status?: string }> };
    const client = await Promise.race([backend.client, timeout]);
    // While disconnected ioredis would hold the command until Redis returns.
    if (client.status !== undefined && client.status !== 'ready') {
      throw new QueueUnavailableError(`redis ${client.status}`);
    }
    return await Promise.race([add(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
