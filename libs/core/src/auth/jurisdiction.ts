import { NotFoundException } from '@nestjs/common';
import { Caller } from './caller';

/**
 * Whether the caller may see an enterprise. Outside the jurisdiction the
 * answer is 404, never 403: callers must not learn that it exists.
 */
export function canSeeEnterprise(caller: Caller, e: { uscc: string; regionCode: string }): boolean {
  switch (caller.role) {
    case 'admin':
      return true;
    case 'regulator':
      return e.regionCode.startsWith(caller.region ?? '\0');
    case 'enterprise':
      return e.uscc === caller.uscc;
  }
}

export function assertCanSeeEnterprise(
  caller: Caller,
  e: { uscc: string; regionCode: string } | null | undefined,
  uscc: string,
): asserts e is { uscc: string; regionCode: string } {
  if (!e || !canSeeEnterprise(caller, e))
    throw new NotFoundException(`enterprise ${uscc} not found`);
}

/**
 * The region prefix a regulator's query is limited to: its own jurisdiction,
 * optionally narrowed by `region`. A `region` outside it yields null (nothing visible).
 */
export function effectiveRegion(caller: Caller, region?: string): string | null {
  const own = caller.role === 'regulator' ? (caller.region ?? '') : '';
  if (!region) return own;
  if (region.startsWith(own)) return region;
  if (own.startsWith(region)) return own;
  return null;
}
