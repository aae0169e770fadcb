import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** Canonical decimal digits of a positive integer: no sign, no leading zero, no `0x`, no `.0`. */
const ID = /^[1-9][0-9]{0,15}$/;

/** The id a path parameter names, or null when it is not the canonical spelling of one. */
export function parseId(value: unknown): number | null {
  const id = typeof value === 'string' && ID.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * A numeric id path parameter. Nest's ParseIntPipe (`parseInt`-like) took
 * `0x1`, `+1` and `1.0` for id 1, so one resource had many spellings (in the
 * audit trail too); here only the canonical form is an id.
 */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string, meta: ArgumentMetadata): number {
    const id = parseId(value);
    if (id === null) {
      throw new BadRequestException(
        `${meta.data ?? 'id'}: must be a positive whole number written in decimal digits`,
      );
    }
    return id;
  }
}
