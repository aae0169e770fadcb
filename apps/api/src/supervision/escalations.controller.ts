import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit, Caller, CurrentCaller, Roles, ApiErrors } from '@app/core';
import { EscalationQueryService, RegionPageQueryDto } from '@app/supervision';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('escalations')
export class EscalationsController {
  constructor(private readonly escalations: EscalationQueryService) {}

  @Get()
  @Roles('regulator', 'admin')
  @Audit('escalation.list', (s) => s.query.region)
  @ApiOperation({
    summary: '经营异常名录满三年: abnormal listings due for the serious dishonest list',
    description:
      'Enterprises of the jurisdiction (narrowed by `region`) whose abnormal-operations listing ' +
      'has been in force for three years with no serious-dishonesty listing since ' +
      '(列入经营异常名录满三年仍未履行相关义务的, 列入严重违法失信名单), oldest listing first. ' +
      'Found by a daily sweep; a flag only: listing stays the regulator’s decision. A flag ' +
      'disappears when the listing ends (repaired, revoked, expired) or the serious listing is made.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        items: [
          {
            uscc: '91330106MA2B3C4D5E',
            name: '杭州西湖明辉贸易有限公司',
            regionCode: '330106',
            recordId: 42,
            listedOn: '2023-05-20',
            yearsListed: 3,
            flaggedAt: '2026-05-19T17:30:00.000Z',
          },
        ],
        page: 1,
        pageSize: 50,
        total: 1,
      },
    },
  })
  @ApiErrors(400, 401, 403, 429)
  list(@CurrentCaller() caller: Caller, @Query() q: RegionPageQueryDto) {
    return this.escalations.list(caller, q);
  }
}
