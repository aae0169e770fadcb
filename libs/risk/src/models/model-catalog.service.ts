import {
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig, Clock } from '@app/core';
import { CompiledModel, loadModelDirectory } from '@app/scoring';
import { ModelActivationRepository } from './model-activation.repository';

/** How often each process re-reads the active model: an approval reaches every worker within it. */
const REFRESH_MS = 2000;

/**
 * Every model file of config/models, validated at boot (a bad file stops the
 * boot naming the file and the path inside it), and the active one. The
 * active model is state (model_activations: proposed by one admin, approved
 * by another); MODEL_VERSION only seeds the first activation. Each process
 * re-reads it every two seconds, so `active` stays a plain property read on
 * the re-scoring path.
 */
@Injectable()
export class ModelCatalog implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ModelCatalog.name);
  private readonly models: Map<string, CompiledModel>;
  private current: CompiledModel;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly activations: ModelActivationRepository,
    private readonly clock: Clock,
  ) {
    this.models = loadModelDirectory(join(config.configDir, 'models'));
    const seed = this.models.get(config.env.MODEL_VERSION);
    if (!seed) {
      throw new Error(
        `MODEL_VERSION ${config.env.MODEL_VERSION} has no file in ${join(config.configDir, 'models')} ` +
          `(available: ${[...this.models.keys()].join(', ')})`,
      );
    }
    this.current = seed;
  }

  get active(): CompiledModel {
    return this.current;
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.activations.seed(this.config.env.MODEL_VERSION, this.clock.now());
      await this.refresh();
    } catch (err) {
      // No schema yet (a CLI command before `migrate`): the command says so in its own words.
      if ((err as { code?: string }).code !== 'ER_NO_SUCH_TABLE') throw err;
      this.logger.warn('model_activations missing: run the migrations; using MODEL_VERSION');
    }
    this.timer = setInterval(() => {
      this.refresh().catch((err: unknown) =>
        this.logger.warn({ err }, 'could not re-read the active model; keeping the last one'),
      );
    }, REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Re-reads the active version now (after an activation in this process). */
  async refresh(): Promise<void> {
    const version = await this.activations.activeVersion();
    if (!version || version === this.current.version) return;
    const model = this.models.get(version);
    if (!model) {
      this.logger.error(
        { version },
        'the active model has no file in config/models; keeping the last one',
      );
      return;
    }
    this.logger.log({ from: this.current.version, to: version }, 'active model changed');
    this.current = model;
  }

  /** The model of that version, or the active one; 404 names an unknown version. */
  get(version?: string): CompiledModel {
    if (!version) return this.current;
    const m = this.models.get(version);
    if (!m) throw new NotFoundException(`model version ${version} not found`);
    return m;
  }

  /** The model of a stored assessment, if its file is still shipped. */
  find(version: string): CompiledModel | undefined {
    return this.models.get(version);
  }

  versions(): string[] {
    return [...this.models.keys()];
  }
}
