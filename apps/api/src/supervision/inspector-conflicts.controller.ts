import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Caller, CurrentCaller, IdPipe, PageQueryDto, Roles } from '@app/core';
import { InspectorService } from '@app/supervision';

/**
 * The declared conflicts (回避) of one inspector, for the console's inspector
 * page: declaring is `POST /inspectors/:id/conflicts` (admin); reading is
 * here, for admins and the regulators of the inspector's jurisdiction.
 */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('inspectors/:id/conflicts')
export class InspectorConflictsController {
  constructor(private readonly inspectors: InspectorService) {}

  @Get()
  @Roles('admin', 'regulator')
  @ApiOperation({
    summary: "An inspector's declared conflicts of interest (回避), newest first, paged",
    description: '404 for an unknown inspector or one outside the jurisdiction.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        items: [
          {
            id: 1,
            inspectorId: 3,
            uscc: '91330106MA2B3C4D5E',
            reason: '配偶任该企业财务负责人',
            createdAt: '2026-06-15T02:00:00.000Z',
          },
        ],
        page: 1,
        pageSize: 50,
        total: 1,
      },
    },
  })
  @ApiNotFoundResponse({ description: 'no such inspector in the jurisdiction' })
  list(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number, @Query() q: PageQueryDto) {
    return this.inspectors.conflicts(caller, id, q);
  }
}
