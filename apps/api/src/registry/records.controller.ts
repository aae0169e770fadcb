import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit, Caller, CurrentCaller, PageQueryDto, Roles, UsccPipe } from '@app/core';
import { CreateRecordDto, RecordService, recordView } from '@app/registry';

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('enterprises/:uscc/records')
export class RecordsController {
  constructor(private readonly records: RecordService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a dated credit record; fields depend on kind; queues re-scoring' })
  async create(@Param('uscc', UsccPipe) uscc: string, @Body() dto: CreateRecordDto) {
    return recordView(await this.records.add(uscc, dto));
  }

  @Get()
  @Audit('records.read')
  @Roles('admin', 'regulator', 'enterprise')
  @ApiOperation({ summary: "The enterprise's records with their status, newest first" })
  async list(
    @CurrentCaller() caller: Caller,
    @Param('uscc', UsccPipe) uscc: string,
    @Query() q: PageQueryDto,
  ) {
    const page = await this.records.list(caller, uscc, q.page, q.pageSize);
    return { ...page, items: page.items.map(recordView) };
  }
}
