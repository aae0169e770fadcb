import { Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '@app/core';
import { loadMeasuresConfig, MeasuresConfig } from '../domain';

/**
 * config/measures.yaml, read and validated once at boot: a bad file stops the
 * process naming the file and the field, instead of failing on first use.
 */
@Injectable()
export class MeasuresCatalog {
  readonly config: MeasuresConfig;

  constructor(appConfig: AppConfig) {
    this.config = loadMeasuresConfig(join(appConfig.configDir, 'measures.yaml'));
  }
}
