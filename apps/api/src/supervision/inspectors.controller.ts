import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles, IdPipe, ApiErrors } from '@app/core';
import {
  CreateInspectorDto,
  DeclareConflictDto,
  InspectorService,
  RegionPageQueryDto,
} from '@app/supervision';
import { PageOf } from '../openapi/page-of';
import { ConflictView, InspectorView } from '../openapi/supervision.views';

/** The inspector pools of the 双随机 draw: managed by admins, readable by regulators. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('inspectors')
export class InspectorsController {
  constructor(private readonly inspectors: InspectorService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Add an inspector to the pool of a region',
    description:
      'Plans over a region draw from active inspectors whose regionCode is a prefix of it.',
  })
  @ApiCreatedResponse({
    schema: {
      example: {
        id: 3,
        name: '王建国',
        regionCode: '3301',
        active: true,
        createdAt: '2026-06-15T02:00:00.000Z',
      },
    },
  })
  @ApiCreatedResponse({ type: InspectorView })
  @ApiErrors(400, 401, 403, 429)
  create(@Body() dto: CreateInspectorDto) {
    return this.inspectors.create(dto);
  }

  @Get()
  @Roles('admin', 'regulator')
  @ApiOperation({ summary: 'Inspectors, paged; regulators see those inside their jurisdiction' })
  @ApiOkResponse({ type: PageOf(InspectorView) })
  @ApiErrors(400, 401, 403, 429)
  list(@CurrentCaller() caller: Caller, @Query() q: RegionPageQueryDto) {
    return this.inspectors.list(caller, q);
  }

  @Post(':id/conflicts')
  @Roles('admin')
  @ApiOperation({
    summary: 'Declare a conflict of interest (回避): never drawn for that enterprise',
    description: '404 for an unknown inspector; 409 if already declared.',
  })
  @ApiCreatedResponse({
    schema: {
      example: {
        id: 1,
        inspectorId: 3,
        uscc: '91330106MA2B3C4D5E',
        reason: '配偶任该企业财务负责人',
        createdAt: '2026-06-15T02:00:00.000Z',
      },
    },
  })
  @ApiCreatedResponse({ type: ConflictView })
  @ApiErrors(400, 401, 403, 429, 404, 409)
  declareConflict(@Param('id', IdPipe) id: number, @Body() dto: DeclareConflictDto) {
    return this.inspectors.declareConflict(id, dto);
  }
}
