import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Audit, Caller, CurrentCaller, Roles, UsccPipe, ApiErrors } from '@app/core';
import type { FastifyReply } from 'fastify';
import { assessmentViewJson, RiskHistoryQueryDto, RiskQueryService } from '@app/risk';
import { PageOf } from '../openapi/page-of';
import { AssessmentView } from '../openapi/risk.views';

/** Risk is internal supervision data: regulators (and admins) only, never the enterprise itself. */
@ApiTags('risk')
@ApiBearerAuth()
@Roles('regulator', 'admin')
@Controller('enterprises/:uscc/risk')
export class EnterpriseRiskController {
  constructor(private readonly risk: RiskQueryService) {}

  @Get()
  @Audit('risk.read')
  @ApiOperation({
    summary: 'Current tier and score with the explanation (factors, vetoes); 404 if never assessed',
  })
  @ApiOkResponse({ type: AssessmentView })
  @ApiErrors(400, 401, 403, 429, {
    status: 404,
    description: 'unknown, outside the jurisdiction, or never assessed',
  })
  async current(
    @CurrentCaller() caller: Caller,
    @Param('uscc', UsccPipe) uscc: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const view = await this.risk.current(caller, uscc);
    // Set once the view is there, so an error still goes out through the default serializer;
    // Fastify leaves the content type to a custom serializer.
    reply.type('application/json; charset=utf-8').serializer(assessmentViewJson);
    return view;
  }

  @Get('history')
  @Audit('risk.history')
  @ApiOperation({
    summary: 'Assessments newest first; with ?at=YYYY-MM-DD the one in force on that date',
  })
  @ApiExtraModels(AssessmentView)
  @ApiOkResponse({
    description: 'assessments newest first, paged; with ?at= the one in force that day',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(PageOf(AssessmentView)) },
        { $ref: getSchemaPath(AssessmentView) },
      ],
    },
  })
  @ApiExtraModels(PageOf(AssessmentView))
  @ApiErrors(400, 401, 403, 429, 404)
  history(
    @CurrentCaller() caller: Caller,
    @Param('uscc', UsccPipe) uscc: string,
    @Query() q: RiskHistoryQueryDto,
  ) {
    return q.at
      ? this.risk.at(caller, uscc, q.at)
      : this.risk.history(caller, uscc, q.page, q.pageSize);
  }
}
