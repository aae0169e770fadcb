import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { AppConfig } from '@app/core';

/** Seconds a client refused for want of a slot is told to wait. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Caps the evidence uploads one API process receives at once
 * (EVIDENCE_MAX_CONCURRENT_UPLOADS): each holds a socket, a temp file and a
 * disk write, and past the cap a 503 with Retry-After costs the client less
 * than a queue it cannot see.
 */
@Injectable()
export class EvidenceUploadSlots {
  private active = 0;
  private readonly max: number;

  constructor(config: AppConfig) {
    this.max = config.env.EVIDENCE_MAX_CONCURRENT_UPLOADS;
  }

  /** Runs `work` in a slot, or refuses at once with 503 when none is free. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) {
      throw new ServiceUnavailableException({
        message: `too many evidence uploads in progress (EVIDENCE_MAX_CONCURRENT_UPLOADS = ${this.max}); retry later`,
        retryAfter: RETRY_AFTER_SECONDS,
      });
    }
    this.active += 1;
    try {
      return await work();
    } finally {
      this.active -= 1;
    }
  }
}
