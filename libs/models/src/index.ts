export * from './models.module';
export * from './models.processor';
export * from './dto/models.dto';
export * from './drift/run-drift.service';
export * from './governance/model-governance.service';
export * from './performance/model-performance.service';
