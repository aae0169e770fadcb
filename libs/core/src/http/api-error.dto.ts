import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The error body of every 4xx and 5xx (api.md § General), as the OpenAPI
 * document describes it; ApiExceptionFilter writes it. The request id is in
 * the X-Request-Id response header, not in the body.
 */
export class ApiErrorDto {
  @ApiProperty({ example: 400, minimum: 400, maximum: 599 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request', description: 'the HTTP status text' })
  error!: string;

  @ApiProperty({ example: 'regionCode must be 6 digits' })
  message!: string;

  @ApiPropertyOptional({
    description:
      '400: one entry per bad field (`field`); 409 and 422: one entry per unmet condition ' +
      '(`code`), with the specifics of that condition beside it',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        field: { type: 'string' },
        code: { type: 'string' },
        message: { type: 'string' },
      },
      additionalProperties: true,
    },
  })
  details?: Record<string, unknown>[];
}
