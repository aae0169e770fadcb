/** Pure supervision domain: measures (守信激励、失信惩戒) and 双随机 inspection draws. */
export * from './tier';
export * from './seeded-random';
export * from './sampling-ratios';
export * from './draw-plan';
export * from './stream-selector';
export * from './population-snapshot';
export * from './draw-proof';
export * from './inspector-assignment';
export * from './measures-config.schema';
export * from './measures-config.loader';
export * from './measures-in-force';
export * from './problem-rates';
