import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig, Clock, QueueName, workerOptions } from '@app/core';
import { PublicityEndAnnouncer } from '@app/registry';
import { PublicRegisterService } from './public-register.service';

export const PUBLICITY_END_SCHEDULER = 'publicity-end-daily';
/** Just after midnight in China: the day a listing stops being published, partners learn it. */
const PATTERN = '5 0 * * *';

/**
 * Daily: serious-dishonesty listings whose publicity period ended by itself
 * are announced to partner departments (`serious-list.ended`), by the same
 * rule the public register stops showing them. Every worker upserts the same
 * scheduler; the announcement is once per listing, so an extra run changes
 * nothing.
 */
@Processor(QueueName.Publication, workerOptions())
export class PublicityEndProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(PublicityEndProcessor.name);

  constructor(
    private readonly register: PublicRegisterService,
    private readonly announcer: PublicityEndAnnouncer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Publication) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap() {
    await this.queue.upsertJobScheduler(
      PUBLICITY_END_SCHEDULER,
      { pattern: PATTERN, tz: this.config.env.ESCALATION_TZ },
      { name: 'sweep', data: {}, opts: { attempts: 3 } },
    );
  }

  async process() {
    return this.sweep();
  }

  /** Announces what ended by today; returns how many. */
  async sweep(): Promise<{ cutoff: string; announced: number }> {
    const cutoff = this.register.seriousListingCutoff(this.clock.today());
    const announced = await this.announcer.announce(cutoff, this.clock.now());
    if (announced) this.logger.log({ cutoff, announced }, 'serious listings ended: announced');
    return { cutoff, announced };
  }
}
