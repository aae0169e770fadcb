import { Body, Controller, Get, HttpStatus, Param, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller, CurrentCaller, Roles, UsccPipe } from '@app/core';
import {
  EnterpriseService,
  IndustryCatalog,
  enterpriseView,
  SearchEnterprisesQueryDto,
  UpsertEnterpriseDto,
} from '@app/registry';

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
  @ApiOkResponse({ description: '{items: profiles, page, pageSize, total}' })
  async search(@CurrentCaller() caller: Caller, @Query() q: SearchEnterprisesQueryDto) {
    const page = await this.enterprises.search(caller, q.q, q.page, q.pageSize);
    return { ...page, items: page.items.map((e) => enterpriseView(e, this.industries)) };
  }

  @Get(':uscc')
  @Roles('admin', 'regulator', 'enterprise')
  @ApiOperation({ summary: 'Enterprise profile (regulator in region, enterprise itself, admin)' })
  @ApiOkResponse({ description: 'the profile' })
  async get(@CurrentCaller() caller: Caller, @Param('uscc', UsccPipe) uscc: string) {
    return enterpriseView(await this.enterprises.findVisible(caller, uscc), this.industries);
  }
}
