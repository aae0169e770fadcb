import { Body, Controller, Get, HttpStatus, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Caller, CurrentCaller, Roles, UsccPipe } from '@app/core';
import { EnterpriseService, enterpriseView, UpsertEnterpriseDto } from '@app/registry';

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterpriseService) {}

  @Put(':uscc')
  @Roles('admin')
  @ApiOperation({ summary: 'Create or update an enterprise (201 created, 200 updated)' })
  async upsert(
    @Param('uscc', UsccPipe) uscc: string,
    @Body() dto: UpsertEnterpriseDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { enterprise, created } = await this.enterprises.upsert(uscc, dto);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return enterpriseView(enterprise);
  }

  @Get(':uscc')
  @Roles('admin', 'regulator', 'enterprise')
  @ApiOperation({ summary: 'Enterprise profile (regulator in region, enterprise itself, admin)' })
  @ApiOkResponse({ description: 'the profile' })
  async get(@CurrentCaller() caller: Caller, @Param('uscc', UsccPipe) uscc: string) {
    return enterpriseView(await this.enterprises.findVisible(caller, uscc));
  }
}
