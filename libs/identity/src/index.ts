export * from './identity.module';
export * from './mount';
export * from './keys/signing-keys';
export * from './embedded/embedded-provider';
export * from './embedded/sign-in';
export * from './embedded/directory';
export * from './embedded/development-tokens';
export * from './embedded/password';
