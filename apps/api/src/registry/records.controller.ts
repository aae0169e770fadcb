import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audit, Caller, CurrentCaller, PageQueryDto, Roles, UsccPipe, ApiErrors } from '@app/core';
import { CreateRecordDto, RecordService, recordView } from '@app/registry';
import { ModelCatalog } from '@app/risk';
import { publicityEndsOn, type CreditRecordInput } from '@app/scoring';
import { PageOf } from '../openapi/page-of';
import { CreditRecordView } from '../openapi/registry.views';

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('enterprises/:uscc/records')
export class RecordsController {
  constructor(
    private readonly records: RecordService,
    private readonly models: ModelCatalog,
  ) {}

  /** A record as shown, with the day an active one stops being published by itself (public information). */
  private view(r: Parameters<typeof recordView>[0]) {
    const v = recordView(r);
    if (r.status !== 'ACTIVE') return v;
    const until = publicityEndsOn(v as unknown as CreditRecordInput, this.models.active);
    return until ? { ...v, publicUntil: until } : v;
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Add a dated credit record; fields depend on kind; queues re-scoring. 409 when its reference is already on file for the enterprise',
  })
  @ApiCreatedResponse({ type: CreditRecordView })
  @ApiErrors(400, 401, 403, 429, 404, 409, 422)
  async create(@Param('uscc', UsccPipe) uscc: string, @Body() dto: CreateRecordDto) {
    return this.view(await this.records.add(uscc, dto));
  }

  @Get()
  @Audit('records.read')
  @Roles('admin', 'regulator', 'enterprise')
  @ApiOperation({
    summary:
      "The enterprise's records with their status, newest first; an active penalty or serious-list entry carries publicUntil, the day it stops being published by itself",
  })
  @ApiOkResponse({ type: PageOf(CreditRecordView) })
  @ApiErrors(400, 401, 403, 429, 404)
  async list(
    @CurrentCaller() caller: Caller,
    @Param('uscc', UsccPipe) uscc: string,
    @Query() q: PageQueryDto,
  ) {
    const page = await this.records.list(caller, uscc, q.page, q.pageSize);
    return { ...page, items: page.items.map((r) => this.view(r)) };
  }
}
