export * from './policy/repair-policy.schema';
export * from './policy/repair-policy.loader';
export * from './policy/repair-policy-book';
export * from './policy/eligibility.types';
export * from './policy/eligibility';
export * from './policy/deadlines';
export * from './policy/application-state';
