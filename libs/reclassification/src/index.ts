export * from './reclassification.module';
export * from './jobs';
export * from './dto/start-run.dto';
export * from './services/run.service';
export * from './services/run.repository';
export * from './services/nightly-scheduler.service';
export * from './processors/reclassify.processor';
export * from './services/run-recovery.service';
