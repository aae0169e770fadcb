import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { InjectBullBoard, type BullBoardInstance } from '@bull-board/nestjs';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig, QueueName } from '@app/core';

/**
 * Puts every queue of the service on the board, read-only unless
 * QUEUE_BOARD_READ_ONLY=false: then the board shows no pause, retry, clean or
 * add buttons. BoardAccess refuses those actions on the server all the same;
 * this keeps the page from offering what it would refuse. (bull-board's
 * `forFeature` takes its options when the module is declared, before config.)
 */
@Injectable()
export class BoardQueues implements OnModuleInit {
  constructor(
    @InjectBullBoard() private readonly board: BullBoardInstance,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const readOnlyMode = this.config.env.QUEUE_BOARD_READ_ONLY !== 'false';
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.board.addQueue(new BullMQAdapter(queue, { readOnlyMode }));
    }
  }
}
