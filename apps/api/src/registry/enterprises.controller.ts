import { Body, Controller, Get, HttpStatus, Param, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, CurrentCaller, Roles, UsccPipe, ApiErrors } from '@app/core';
import {
  EnterpriseService,
  IndustryCatalog,
  enterpriseView,
  SearchEnterprisesQueryDto,
  UpsertEnterpriseDto,
} from '@app/registry';
import { PageOf } from '../openapi/page-of';
import { EnterpriseView } from '../openapi/registry.views';

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('enterprises')
export class EnterprisesController {
  constructor(
    private readonly enterprises: EnterpriseService,
    private readonly industries: IndustryCatalog,
  ) {}

  @Put(':uscc')
  @Roles('admin')
  @ApiOperation({ summary: 'Create or update an enterprise (201 created, 200 updated)' })
  @ApiOkResponse({ type: EnterpriseView })
  @ApiCreatedResponse({ type: EnterpriseView })
  @ApiErrors(400, 401, 403, 429, 409)
  async upsert(
    @Param('uscc', UsccPipe) uscc: string,
    @Body() dto: UpsertEnterpriseDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const { enterprise, created } = await this.enterprises.upsert(uscc, dto);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return enterpriseView(enterprise, this.industries);
  }

  @Get()
  @Roles('admin', 'regulator')
  @ApiOperation({
    summary:
      "Search the caller's jurisdiction by USCC prefix or name substring (?q=), paged, ordered by USCC",
  })
  @ApiOkResponse({ type: PageOf(EnterpriseView) })
  @ApiErrors(400, 401, 403, 429)
  async search(@CurrentCaller() caller: Caller, @Query() q: SearchEnterprisesQueryDto) {
    const page = await this.enterprises.search(caller, q.q, q.page, q.pageSize);
    return { ...page, items: page.items.map((e) => enterpriseView(e, this.industries)) };
  }

  @Get(':uscc')
  @Roles('admin', 'regulator', 'enterprise')
  @ApiOperation({ summary: 'Enterprise profile (regulator in region, enterprise itself, admin)' })
  @ApiOkResponse({ type: EnterpriseView })
  @ApiErrors(400, 401, 403, 429, 404)
  async get(@CurrentCaller() caller: Caller, @Param('uscc', UsccPipe) uscc: string) {
    return enterpriseView(await this.enterprises.findVisible(caller, uscc), this.industries);
  }
}
