import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { normalizeUscc, usccProblem } from '../values/uscc';

const REASONS = {
  LENGTH: 'must be 18 characters',
  CHARACTER: 'may only contain 0-9 and A-Y without I, O, S, V, Z',
  SHAPE: 'positions 3–8 must be digits (administrative division code)',
  CHECK_CHARACTER: 'check character (position 18) does not match (GB 32100-2015)',
};

/** Validates and upper-cases a `:uscc` path parameter. */
@Injectable()
export class UsccPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const code = normalizeUscc(String(value ?? ''));
    const problem = usccProblem(code);
    if (problem) {
      throw new BadRequestException({
        message: `invalid request: uscc ${REASONS[problem]}`,
        details: [{ field: 'uscc', message: `uscc ${REASONS[problem]}` }],
      });
    }
    return code;
  }
}
