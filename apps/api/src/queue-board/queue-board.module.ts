import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { QueueName } from '@app/core';
import { QUEUE_BOARD_PATH } from '../unprefixed-routes';
import { BoardAccessMiddleware } from './board-access.middleware';

/** bull-board over every queue of the service, for admins (see BoardAccessMiddleware). */
@Module({
  imports: [
    BullBoardModule.forRoot({
      route: `/${QUEUE_BOARD_PATH}`,
      adapter: ExpressAdapter,
      middleware: BoardAccessMiddleware,
      boardOptions: { uiConfig: { boardTitle: 'Credit risk queues' } },
    }),
    BullBoardModule.forFeature(
      ...Object.values(QueueName).map((name) => ({ name, adapter: BullMQAdapter })),
    ),
  ],
})
export class QueueBoardModule {}
