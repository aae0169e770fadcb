import { Injectable, NotFoundException } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '@app/core';
import { CompiledModel, loadModelDirectory } from '@app/scoring';

/**
 * Every model file of config/models, validated at boot (a bad file stops the
 * boot naming the file and the path inside it), and the active one.
 */
@Injectable()
export class ModelCatalog {
  private readonly models: Map<string, CompiledModel>;
  readonly active: CompiledModel;

  constructor(config: AppConfig) {
    this.models = loadModelDirectory(join(config.configDir, 'models'));
    const active = this.models.get(config.env.MODEL_VERSION);
    if (!active) {
      throw new Error(
        `MODEL_VERSION ${config.env.MODEL_VERSION} has no file in ${join(config.configDir, 'models')} ` +
          `(available: ${[...this.models.keys()].join(', ')})`,
      );
    }
    this.active = active;
  }

  /** The model of that version, or the active one; 404 names an unknown version. */
  get(version?: string): CompiledModel {
    if (!version) return this.active;
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
