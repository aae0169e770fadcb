import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audit, Caller, CurrentCaller, Roles, IdPipe, parseId, ApiErrors } from '@app/core';
import {
  ApplicationQueryService,
  ApplicationSubmissionService,
  EligibilityQueryDto,
  ListApplicationsQueryDto,
  RepairEligibilityService,
  SubmitApplicationDto,
} from '@app/repair';
import { PageOf } from '../openapi/page-of';
import { EligibilityView, RepairApplicationView } from '../openapi/repair.views';

@ApiTags('credit repair')
@ApiBearerAuth()
@Controller('repair-applications')
export class RepairApplicationsController {
  constructor(
    private readonly eligibility: RepairEligibilityService,
    private readonly submissions: ApplicationSubmissionService,
    private readonly queries: ApplicationQueryService,
  ) {}

  // Declared before ':id' so that 'eligibility' is never taken for an id.
  @Get('eligibility')
  @Roles('enterprise', 'regulator')
  @Audit('repair-eligibility.read', (s) => parseId(s.query.recordId))
  @ApiOperation({
    summary:
      'Whether a record may be repaired today: every condition with met/unmet and, where time alone lifts it, earliestOn',
  })
  @ApiOkResponse({ type: EligibilityView })
  @ApiErrors(400, 401, 403, 429, 404)
  check(@CurrentCaller() caller: Caller, @Query() q: EligibilityQueryDto) {
    return this.eligibility.check(caller, q.recordId);
  }

  @Post()
  @Roles('enterprise')
  @Audit('repair-application.submit')
  @ApiOperation({
    summary:
      'Apply to repair an own record → 201 SUBMITTED with acceptBy; 422 listing unmet conditions; 409 if one is open',
  })
  @ApiCreatedResponse({ type: RepairApplicationView })
  @ApiErrors(
    400,
    401,
    403,
    429,
    404,
    { status: 409, description: 'an open application for that record exists' },
    {
      status: 422,
      description: 'the record is not repairable now: details lists each unmet condition',
    },
  )
  submit(@CurrentCaller() caller: Caller, @Body() dto: SubmitApplicationDto) {
    return this.submissions.submit(caller, dto);
  }

  @Get()
  @Roles('enterprise', 'regulator')
  @Audit('repair-application.list', (s) => s.query.region)
  @ApiOperation({
    summary: "Applications newest first: the enterprise's own, or the regulator's region",
  })
  @ApiOkResponse({ type: PageOf(RepairApplicationView) })
  @ApiErrors(400, 401, 403, 429)
  list(@CurrentCaller() caller: Caller, @Query() q: ListApplicationsQueryDto) {
    return this.queries.list(caller, q);
  }

  @Get(':id')
  @Roles('enterprise', 'regulator')
  @Audit('repair-application.read')
  @ApiOperation({ summary: 'One application with its evidence and history' })
  @ApiOkResponse({ type: RepairApplicationView })
  @ApiErrors(400, 401, 403, 429, 404)
  get(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number) {
    return this.queries.get(caller, id);
  }
}
