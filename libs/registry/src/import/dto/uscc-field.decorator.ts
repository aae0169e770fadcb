import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUscc, normalizeUscc } from '@app/core';

/** The `uscc` of an import line: trimmed and upper-cased like the `:uscc` path parameter, then checked. */
export function UsccField(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? normalizeUscc(value) : value)),
    IsUscc(),
  );
}
