import { FastifyAdapter } from '@bull-board/fastify';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { QUEUE_BOARD_PATH } from '../unprefixed-routes';
import { BoardAccess } from './board-access';
import { BoardQueues } from './board-queues';

/** bull-board over every queue of the service, for admins (BoardAccess guards every path of it). */
@Module({
  imports: [
    BullBoardModule.forRoot({
      route: `/${QUEUE_BOARD_PATH}`,
      adapter: FastifyAdapter,
      boardOptions: { uiConfig: { boardTitle: 'Credit risk queues' } },
    }),
  ],
  providers: [BoardAccess, BoardQueues],
  exports: [BoardAccess],
})
export class QueueBoardModule {}
