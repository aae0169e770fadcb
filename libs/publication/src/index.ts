export * from './publication.module';
export * from './public-register.service';
