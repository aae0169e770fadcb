import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Caller, CurrentCaller, IdPipe, PageQueryDto, Roles } from '@app/core';
import { PageOf } from '../openapi/page-of';
import { ConflictView } from '../openapi/supervision.views';
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
  @ApiOkResponse({ type: PageOf(ConflictView) })
  @ApiErrors(
    400,
    401,
    403,
    { status: 404, description: 'no such inspector in the jurisdiction' },
    429,
  )
  list(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number, @Query() q: PageQueryDto) {
    return this.inspectors.conflicts(caller, id, q);
  }
}
