import { RegistrySchema1764400000000 } from './1764400000000-registry-schema';

/** Every migration, in order. New ones are appended here. */
export const MIGRATIONS = [RegistrySchema1764400000000];
