import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry.module';
import { ImportLineParser } from './import-line-parser.service';
import { ImportRunner } from './import-runner.service';
import { ImportSpooler } from './import-spooler.service';
import { ImportRepository } from './import.repository';

const services = [ImportRepository, ImportSpooler, ImportLineParser, ImportRunner];

/**
 * Bulk NDJSON imports: the API side (spool, queue, read back) and the worker
 * side (ImportRunner, used by ImportProcessor and the CLI). The processor is
 * provided by the worker app, so the API process never consumes imports.
 */
@Module({ imports: [RegistryModule], providers: services, exports: services })
export class ImportModule {}
