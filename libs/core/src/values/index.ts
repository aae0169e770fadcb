export * from './uscc';
export * from './region-code';
export * from './calendar-date';
export * from './clock';
export * from './working-days';
export * from './money';
export * from './region-names';
