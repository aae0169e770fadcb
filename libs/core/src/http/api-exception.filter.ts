import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { isLockConflict } from '../database/deadlock-retry';
import { isDatabaseUnreachable, isQueueUnreachable } from '../database/unavailable-errors';
import { ApiErrorBody, ErrorDetail } from './api-error';

/** Every error leaves the API in one shape; unexpected ones are logged, not leaked. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(caught: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse();
    const exception = unavailable(caught) ?? caught;
    const body = this.toBody(exception);
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.warn(`${body.message} (${(caught as Error)?.message})`);
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception }, 'unhandled error');
    }
    if (exception instanceof HttpException) {
      const retryAfter = (exception.getResponse() as { retryAfter?: number }).retryAfter;
      if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const r = exception.getResponse();
      const base = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error' };
      if (typeof r === 'string') return { ...base, message: r };
      const o = r as { message?: unknown; details?: ErrorDetail[] };
      const message = Array.isArray(o.message)
        ? o.message.join('; ')
        : String(o.message ?? base.error);
      return o.details ? { ...base, message, details: o.details } : { ...base, message };
    }
    // body-parser and similar middleware errors carry their own 4xx status.
    const e = exception as {
      status?: unknown;
      statusCode?: unknown;
      type?: string;
      message?: string;
    };
    const status = Number(e?.status ?? e?.statusCode);
    if (status >= 400 && status < 500) {
      const message =
        e.type === 'entity.parse.failed'
          ? 'request body is not valid JSON'
          : e.type === 'entity.too.large'
            ? 'request body too large'
            : (e.message ?? 'bad request');
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      message: 'internal error',
    };
  }
}

/**
 * An outage of MySQL or Redis is not a bug of ours: 503 with a message that
 * says so and when to retry. The pool reconnects by itself once it is back.
 */
function unavailable(e: unknown): HttpException | undefined {
  if (e instanceof HttpException) return undefined;
  const message = isDatabaseUnreachable(e)
    ? 'the database is unreachable: try again shortly'
    : isQueueUnreachable(e)
      ? 'the job queue is unreachable: try again shortly'
      : isLockConflict(e)
        ? 'the database is busy with concurrent changes: try again'
        : undefined;
  return message
    ? new HttpException({ message, retryAfter: 5 }, HttpStatus.SERVICE_UNAVAILABLE)
    : undefined;
}
