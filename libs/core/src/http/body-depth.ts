import { BadRequestException } from '@nestjs/common';

/** Deeper than any request body of the API (persons[].x is 3 levels). */
export const MAX_BODY_DEPTH = 16;

/**
 * A hook after body parsing (Fastify's preValidation): a body nested deeper than
 * `maxDepth` is refused with 400 before class-transformer, which recurses and
 * would overflow the stack on a 1 MB body of `[[[[…]]]]` (a 500 otherwise).
 * Iterative, so it cannot overflow itself.
 */
export function bodyDepthLimit(maxDepth = MAX_BODY_DEPTH) {
  return (req: { body?: unknown }, next: (err?: Error) => void): void => {
    const body = req.body;
    if (body === null || typeof body !== 'object') return next();
    const stack: [unknown, number][] = [[body, 1]];
    while (stack.length > 0) {
      const [value, depth] = stack.pop()!;
      if (depth > maxDepth) {
        return next(
          new BadRequestException(`request body is nested deeper than ${maxDepth} levels`),
        );
      }
      for (const child of Object.values(value as object)) {
        if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
      }
    }
    next();
  };
}
