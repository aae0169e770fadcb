import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, Audit, Caller, CurrentCaller, IdPipe, Roles } from '@app/core';
import {
  CreateSubscriptionDto,
  DeadLettersQueryDto,
  ReplayQueryDto,
  SubscriptionService,
} from '@app/delivery';

const SUBSCRIPTION = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string' }, nullable: true },
    regions: { type: 'array', items: { type: 'string' }, nullable: true },
    status: { type: 'string', enum: ['ACTIVE', 'PAUSED'] },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    breakerOpenUntil: { type: 'string', format: 'date-time', nullable: true },
    consecutiveFailures: { type: 'integer' },
    pending: { type: 'integer' },
    dead: { type: 'integer' },
    delivered: { type: 'integer' },
    failedAttempts: { type: 'integer' },
    lagSeconds: { type: 'number', description: 'age of the oldest pending delivery' },
  },
};

/** Partner departments' subscriptions to list changes (联合惩戒); docs/events.md. */
@ApiTags('subscriptions')
@ApiBearerAuth()
@Controller('subscriptions')
@Roles('admin')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionService) {}

  @Post()
  @Audit('subscription.create')
  @ApiOperation({
    summary: 'Subscribe a partner endpoint to partner events; the signing secret is returned once',
    description:
      'Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, ' +
      'webhook-signature) with the secret (whsec_…). `events` defaults to every type, ' +
      '`regions` to every region. Events from now on; earlier ones by replay.',
  })
  @ApiCreatedResponse({
    schema: {
      ...SUBSCRIPTION,
      properties: { ...SUBSCRIPTION.properties, secret: { type: 'string', example: 'whsec_…' } },
    },
  })
  @ApiErrors(400, 401, 403, 429)
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateSubscriptionDto) {
    return this.subscriptions.create(caller, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'Subscriptions with what each has pending, dead-lettered and delivered',
  })
  @ApiOkResponse({ schema: { type: 'array', items: SUBSCRIPTION } })
  @ApiErrors(401, 403, 429)
  list() {
    return this.subscriptions.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription' })
  @ApiOkResponse({ schema: SUBSCRIPTION })
  @ApiErrors(400, 401, 403, 429, 404)
  get(@Param('id', IdPipe) id: number) {
    return this.subscriptions.get(id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Audit('subscription.pause')
  @ApiOperation({ summary: 'Stop sending; events accumulate and go out in order on resume' })
  @ApiOkResponse({ schema: SUBSCRIPTION })
  @ApiErrors(400, 401, 403, 429, 404)
  pause(@Param('id', IdPipe) id: number) {
    return this.subscriptions.pause(id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Audit('subscription.resume')
  @ApiOperation({ summary: 'Send again, starting with what accumulated while paused' })
  @ApiOkResponse({ schema: SUBSCRIPTION })
  @ApiErrors(400, 401, 403, 429, 404)
  resume(@Param('id', IdPipe) id: number) {
    return this.subscriptions.resume(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Audit('subscription.rotate-secret')
  @ApiOperation({
    summary: 'A new signing secret, returned once; for 24 hours deliveries are signed with both',
  })
  @ApiOkResponse({
    schema: {
      example: { id: 1, secret: 'whsec_…', previousValidUntil: '2026-06-16T02:00:00.000Z' },
    },
  })
  @ApiErrors(400, 401, 403, 429, 404)
  rotate(@Param('id', IdPipe) id: number) {
    return this.subscriptions.rotate(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Audit('subscription.delete')
  @ApiOperation({ summary: 'Delete the subscription and its pending deliveries' })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 429, 404)
  async remove(@Param('id', IdPipe) id: number) {
    await this.subscriptions.remove(id);
  }

  @Post(':id/replay')
  @HttpCode(202)
  @Audit('subscription.replay')
  @ApiOperation({
    summary: 'Send again every event the subscription wants from a point in time, in order',
    description:
      'A date alone (2026-06-01) is midnight China time. Delivered and dead-lettered events are sent again, from the first attempt.',
  })
  @ApiAcceptedResponse({
    schema: { example: { id: 1, from: '2026-05-31T16:00:00.000Z', replayed: 120 } },
  })
  @ApiErrors(400, 401, 403, 429, 404)
  replay(@Param('id', IdPipe) id: number, @Query() q: ReplayQueryDto) {
    return this.subscriptions.replay(id, q.from);
  }

  @Get(':id/dead-letters')
  @ApiOperation({ summary: 'Deliveries that failed their last attempt (replay sends them again)' })
  @ApiOkResponse({
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          eventId: { type: 'string' },
          type: { type: 'string' },
          eventSeq: { type: 'integer' },
          enterpriseId: { type: 'integer' },
          attempts: { type: 'integer' },
          lastError: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  })
  @ApiErrors(400, 401, 403, 429, 404)
  deadLetters(@Param('id', IdPipe) id: number, @Query() q: DeadLettersQueryDto) {
    return this.subscriptions.deadLetters(id, q.limit);
  }
}
