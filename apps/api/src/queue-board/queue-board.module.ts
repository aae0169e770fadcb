import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { QueueName } from '@app/core';
import { QUEUE_BOARD_PATH } from '../unprefixed-routes';
import { BoardAccess } from './board-access';

/** bull-board over every queue of the service, for admins (BoardAccess guards every path of it). */
@Module({
  imports: [
    BullBoardModule.forRoot({
      route: `/${QUEUE_BOARD_PATH}`,
      adapter: FastifyAdapter,
      boardOptions: { uiConfig: { boardTitle: 'Credit risk queues' } },
    }),
    BullBoardModule.forFeature(
      ...Object.values(QueueName).map((name) => ({ name, adapter: BullMQAdapter })),
    ),
  ],
  providers: [BoardAccess],
  exports: [BoardAccess],
})
export class QueueBoardModule {}
