import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audit, Caller, CurrentCaller, Roles, IdPipe, ApiErrors } from '@app/core';
import { ListRunsQueryDto, RunService, StartRunDto } from '@app/reclassification';
import { PageOf } from '../openapi/page-of';
import { RunView } from '../openapi/reclassification.views';

@ApiTags('reclassification')
@ApiBearerAuth()
@Controller('reclassifications')
export class ReclassificationsController {
  constructor(private readonly runs: RunService) {}

  @Post()
  @Audit('reclassification.start')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({
    summary: 'Start a full or incremental run (409 if the same as-of/mode/region is running)',
  })
  @ApiAcceptedResponse({ type: RunView })
  @ApiErrors(400, 401, 403, 429, {
    status: 409,
    description: 'a run of the same as-of date, mode and region is queued or running',
  })
  start(@CurrentCaller() caller: Caller, @Body() dto: StartRunDto) {
    return this.runs.start(dto, caller.sub);
  }

  @Get()
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'Recent runs, newest first' })
  @ApiOkResponse({ type: PageOf(RunView) })
  @ApiErrors(400, 401, 403, 429)
  list(@CurrentCaller() caller: Caller, @Query() q: ListRunsQueryDto) {
    return this.runs.list(caller, q);
  }

  @Get(':id')
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'Run status, counters, tiers and the tier transition matrix' })
  @ApiOkResponse({ type: RunView })
  @ApiErrors(400, 401, 403, 429, 404)
  get(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number) {
    return this.runs.get(id, caller);
  }
}
