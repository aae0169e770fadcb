import pino, { DestinationStream } from 'pino';

export type LogFormat = 'pretty' | 'json';

/**
 * Human-readable lines (pino-pretty) for a developer watching a terminal;
 * JSON lines everywhere else: in production and in tests always, and in
 * development when the output is a file or a pipe (a collector, `| jq`).
 */
export function logFormat(nodeEnv: string | undefined, stdoutIsTty: boolean): LogFormat {
  return nodeEnv === 'development' && stdoutIsTty ? 'pretty' : 'json';
}

/** Where the process's pino loggers write, in the format logFormat chooses. */
export function logDestination(format: LogFormat): DestinationStream {
  if (format === 'pretty') {
    return pino.transport({
      target: 'pino-pretty',
      options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
    });
  }
  // Buffered writes (4 KiB at a time) instead of one write(2) per line: under
  // load the per-request line cost more than the line itself. pino flushes
  // the buffer on exit; LoggingModule's timer, when traffic is too thin to fill it.
  return pino.destination({ sync: false, minLength: 4096 });
}
