import { Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '@app/core';
import { loadMonitoringConfig, MonitoringConfig } from './monitoring-config';

/** config/model-monitoring.yaml, read once at boot. */
@Injectable()
export class MonitoringConfigProvider {
  private readonly config: MonitoringConfig;

  constructor(app: AppConfig) {
    this.config = loadMonitoringConfig(join(app.configDir, 'model-monitoring.yaml'));
  }

  get(): MonitoringConfig {
    return this.config;
  }
}
