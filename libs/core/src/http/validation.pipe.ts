import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { ErrorDetail } from './api-error';

/** Every bad field with its dotted path (`records.0.amount`), as the API reports them. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own: ErrorDetail[] = e.constraints
      ? [{ field, message: Object.values(e.constraints).join('; ') }]
      : [];
    return own.concat(flattenValidationErrors(e.children ?? [], field));
  });
}

/**
 * Path parameters reach their own pipes (IdPipe, UsccPipe) as sent: the
 * stock pipe turned `0x1`, `1.0` and `1e0` into the number 1 before IdPipe
 * could refuse them.
 */
class ApiValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }
}

/** The global pipe: unknown fields refused, types transformed, every bad field named. */
export function apiValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const fields = [...new Set(details.map((d) => d.field))].join(', ');
      return new BadRequestException({ message: `invalid request: ${fields}`, details });
    },
  });
}
