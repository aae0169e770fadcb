export * from './publication.module';
export * from './public-register.service';
export * from './publicity-end.processor';
