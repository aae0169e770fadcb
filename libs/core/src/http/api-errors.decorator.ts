import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorDto } from './api-error.dto';

/** What each status means in this API (api.md § General). */
const MEANING: Record<number, string> = {
  400: 'invalid request: `details` names each bad field; unknown fields are refused',
  401: 'missing or invalid bearer token (WWW-Authenticate says which)',
  403: 'authenticated, but this role may not do this',
  404: 'not found, or outside the caller’s jurisdiction',
  409: 'conflict with the current state (a stale version, a duplicate, a transition not allowed)',
  413: 'body too large',
  415: 'unsupported Content-Type',
  422: 'a business rule refused it: `details` lists each unmet condition by code',
  429: 'rate limit reached: retry after the Retry-After header',
  503: 'MySQL or Redis unreachable: retry after the Retry-After header',
};

/** A status, or a status with this operation's own description of when it happens. */
export type ApiErrorSpec = number | { status: number; description: string };

/**
 * Documents an operation's error responses, all in the one error shape
 * (ApiErrorDto), so controllers list codes instead of repeating schemas.
 */
export function ApiErrors(...specs: ApiErrorSpec[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ApiErrorDto),
    ...specs.map((spec) => {
      const { status, description } =
        typeof spec === 'number' ? { status: spec, description: MEANING[spec] } : spec;
      // JSON even where the success is a file or text (ApiProduces would otherwise apply).
      return ApiResponse({
        status,
        description: description ?? 'error',
        content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorDto) } } },
      });
    }),
  );
}
