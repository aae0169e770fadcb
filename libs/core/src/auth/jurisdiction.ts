import { NotFoundException } from '@nestjs/common';
import {
  isJurisdiction,
  jurisdictionWithin,
  normalizeJurisdiction,
  regionWithin,
} from '../values/region-code';
import { Caller } from './caller';

/*
 * The one jurisdiction rule. Every route, query, list, export and job decides
 * what a regulator may see through these functions; the prefix test itself
 * lives in values/region-code (normalised codes: `330100` means `3301`).
 */

/**
 * Whether the caller may see an enterprise. Outside the jurisdiction the
 * answer is 404, never 403: callers must not learn that it exists.
 */
export function canSeeEnterprise(caller: Caller, e: { uscc: string; regionCode: string }): boolean {
  switch (caller.role) {
    case 'admin':
      return true;
    case 'regulator':
      return regionWithin(e.regionCode, caller.region ?? '');
    case 'enterprise':
      return e.uscc === caller.uscc;
  }
}

/** Whether the caller may see something scoped to a whole region (e.g. an inspection plan). */
export function canSeeRegion(caller: Caller, region: string): boolean {
  switch (caller.role) {
    case 'admin':
      return true;
    case 'regulator':
      return jurisdictionWithin(region, caller.region ?? '');
    case 'enterprise':
      return false;
  }
}

/**
 * Whether a regulator's jurisdiction covers the authority that issued a record
 * (its 6-digit division code, padded for a city or province bureau): repairs
 * of the record are decided there (谁认定谁修复), wherever the enterprise is
 * registered. A city regulator does not cover its province's bureau.
 */
export function coversAuthority(caller: Caller, authorityRegion: string): boolean {
  return caller.role === 'regulator' && regionWithin(authorityRegion, caller.region ?? '');
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
 * The normalised region prefix a query is limited to: the caller's own
 * jurisdiction ('' for admins: everything), optionally narrowed by `region`.
 * Never wider than the caller's own. A `region` outside it, an invalid one, or a
 * regulator without a valid region yields null (nothing visible).
 */
export function effectiveRegion(caller: Caller, region?: string): string | null {
  let own = '';
  if (caller.role === 'regulator') {
    if (!caller.region || !isJurisdiction(caller.region)) return null;
    own = normalizeJurisdiction(caller.region);
  } else if (caller.role !== 'admin') {
    return null;
  }
  if (!region) return own;
  if (!isJurisdiction(region)) return null;
  const wanted = normalizeJurisdiction(region);
  if (wanted.startsWith(own)) return wanted;
  if (own.startsWith(wanted)) return own;
  return null;
}

/**
 * The SQL `LIKE` pattern for `region_code` limited to a normalised prefix as
 * returned by effectiveRegion ('' = everything). Digits only, so no escaping.
 */
export function regionLikePattern(prefix: string): string {
  if (prefix !== '' && !isJurisdiction(prefix)) {
    throw new RangeError(`not an administrative division code: '${prefix}'`);
  }
  return `${prefix}%`;
}
