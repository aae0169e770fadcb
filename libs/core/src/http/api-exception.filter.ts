import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { STATUS_CODES } from 'node:http';
import { isLockConflict } from '../database/deadlock-retry';
import { isDatabaseUnreachable, isQueueUnreachable } from '../database/unavailable-errors';
import { ApiErrorBody, ErrorDetail } from './api-error';

/**
 * Every error leaves the API in one shape, whether a handler threw it or
 * Fastify refused the request before any handler ran (its errors come here
 * through Nest's error handler); unexpected ones are logged, not leaked.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(caught: unknown, host: ArgumentsHost): void {
    const res: unknown = host.switchToHttp().getResponse();
    const exception = unavailable(caught) ?? caught;
    const body = apiErrorBody(exception);
    if (body.statusCode >= 500) {
      // The request id ties this line to the request's own line and audit row.
      const reqId = host.switchToHttp().getRequest<{ id?: unknown } | undefined>()?.id;
      if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
        this.logger.warn({ reqId }, `${body.message} (${(caught as Error)?.message})`);
      } else {
        this.logger.error({ reqId, err: exception }, 'unhandled error');
      }
    }
    // Through the adapter: a middleware's error comes with the raw Node response.
    const adapter = this.adapterHost.httpAdapter;
    if (exception instanceof HttpException) {
      const retryAfter = (exception.getResponse() as { retryAfter?: number }).retryAfter;
      if (retryAfter) adapter.setHeader(res, 'Retry-After', String(retryAfter));
    }
    if (body.statusCode === HttpStatus.UNAUTHORIZED) {
      // RFC 6750 §3: a request without a token gets the scheme only; a refused token, the error code.
      const presented = body.message !== MISSING_TOKEN;
      adapter.setHeader(
        res,
        'WWW-Authenticate',
        presented ? 'Bearer error="invalid_token"' : 'Bearer',
      );
    }
    adapter.reply(res, body, body.statusCode);
  }
}

/** AccessGuard's message when no bearer token came at all. */
export const MISSING_TOKEN = 'missing bearer token';

/** Fastify refuses an unknown Content-Type with just its status text: say what is taken. */
const UNSUPPORTED_MEDIA_TYPE =
  'unsupported Content-Type: the API takes application/json ' +
  '(imports application/x-ndjson, evidence multipart/form-data)';

/** The API's error body for an exception (a 500 without details for anything unexpected). */
export function apiErrorBody(exception: unknown): ApiErrorBody {
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const r = exception.getResponse();
    const base = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error' };
    if (statusCode === HttpStatus.UNSUPPORTED_MEDIA_TYPE && r === base.error) {
      return { ...base, message: UNSUPPORTED_MEDIA_TYPE };
    }
    if (typeof r === 'string') return { ...base, message: r };
    const o = r as { message?: unknown; details?: ErrorDetail[] };
    const message = Array.isArray(o.message)
      ? o.message.join('; ')
      : String(o.message ?? base.error);
    return o.details ? { ...base, message, details: o.details } : { ...base, message };
  }
  const e = exception as { status?: unknown; statusCode?: unknown; message?: string };
  const status = Number(e?.status ?? e?.statusCode);
  if (status >= 400 && status < 500) {
    const message = e.message ?? 'bad request';
    return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    error: 'Internal Server Error',
    message: 'internal error',
  };
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
