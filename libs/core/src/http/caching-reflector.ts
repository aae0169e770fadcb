import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/** A handler or a controller class, as ExecutionContext gives them. */
type Target = Parameters<Reflector['get']>[1];

/**
 * Nest's Reflector, remembering what it found for a handler and its class.
 * Route metadata is fixed once the decorators have run, and reflect-metadata
 * walks a prototype chain on every lookup: the three global guards made nine
 * lookups a request, ~2% of a risk read's CPU (docs/performance.md).
 */
@Injectable()
export class CachingReflector extends Reflector {
  private readonly found = new WeakMap<Target, Map<unknown, unknown>>();
  private readonly foundOverride = new WeakMap<Target, WeakMap<Target, Map<unknown, unknown>>>();

  override get<T = unknown>(metadataKey: unknown, target: Target): T {
    let byKey = this.found.get(target);
    if (!byKey) this.found.set(target, (byKey = new Map()));
    if (!byKey.has(metadataKey)) byKey.set(metadataKey, super.get(metadataKey, target));
    return byKey.get(metadataKey) as T;
  }

  /** Remembered for [handler, class], the pair every guard asks about; other lists are looked up. */
  override getAllAndOverride<T = unknown>(metadataKey: unknown, targets: Target[]): T {
    if (targets.length !== 2) return super.getAllAndOverride(metadataKey, targets);
    const [handler, cls] = targets;
    let byClass = this.foundOverride.get(handler);
    if (!byClass) this.foundOverride.set(handler, (byClass = new WeakMap()));
    let byKey = byClass.get(cls);
    if (!byKey) byClass.set(cls, (byKey = new Map()));
    if (!byKey.has(metadataKey)) {
      byKey.set(metadataKey, super.getAllAndOverride(metadataKey, targets));
    }
    return byKey.get(metadataKey) as T;
  }
}
