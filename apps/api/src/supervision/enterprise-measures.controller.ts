import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit, Caller, CurrentCaller, Roles, UsccPipe, ApiErrors } from '@app/core';
import { EnterpriseMeasuresService } from '@app/supervision';

/** Measures follow from the tier, which enterprises never see: regulators and admins only. */
@ApiTags('supervision')
@ApiBearerAuth()
@Roles('regulator', 'admin')
@Controller('enterprises/:uscc/measures')
export class EnterpriseMeasuresController {
  constructor(private readonly measures: EnterpriseMeasuresService) {}

  @Get()
  @Audit('measures.read')
  @ApiOperation({
    summary: '守信激励、失信惩戒: measures in force, each with the trigger that applied',
    description:
      'From the current assessment: its tier, and the listings its vetoes found in force ' +
      '(serious dishonesty list, abnormal operations list, dishonest judgment debtor). ' +
      '404 if never assessed or outside the jurisdiction.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        uscc: '91330106MA2B3C4D5E',
        tier: 'D',
        asOf: '2026-06-15',
        modelVersion: 'samr-general-v1',
        situation: {
          tier: 'D',
          onSeriousDishonestyList: true,
          onAbnormalList: false,
          judgmentDebtor: false,
        },
        measures: [
          {
            id: 'sd-procurement-restriction',
            kind: 'PUNISHMENT',
            zh: '依法限制参与政府采购',
            en: 'Restricted from government procurement',
            basis: [{ id: 'guofa-2016-33', zh: '…', en: '…' }],
            triggers: [
              {
                on: 'seriousDishonestyList',
                zh: '列入严重违法失信名单',
                en: 'on the list of serious illegal and dishonest entities',
                recordIds: [42],
              },
            ],
          },
        ],
      },
    },
  })
  @ApiErrors(400, 401, 403, 429, 404)
  get(@CurrentCaller() caller: Caller, @Param('uscc', UsccPipe) uscc: string) {
    return this.measures.forEnterprise(caller, uscc);
  }
}
