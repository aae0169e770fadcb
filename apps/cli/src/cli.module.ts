import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { ReclassificationModule } from '@app/reclassification';

/**
 * What CLI commands need from the service: config, database, queues and the
 * run service. Deliberately no processors: the CLI asks, the workers work.
 */
@Module({ imports: [CoreModule, ReclassificationModule] })
export class CliModule {}
