import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit, AuditQueryDto, AuditQueryService, Roles, ApiErrors } from '@app/core';
import { PageOf } from '../openapi/page-of';
import { AuditEntryView } from '../openapi/operations.views';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @Roles('admin')
  // Reading the trail is itself on the trail.
  @Audit('audit.read', (s) => (s.query.actor ?? s.query.uscc ?? null) as string | null)
  @ApiOperation({
    summary:
      'Audit trail of risk-data reads and decisions, newest first: filter by actor (token sub), uscc, action, from/to',
  })
  @ApiOkResponse({ type: PageOf(AuditEntryView) })
  @ApiErrors(400, 401, 403, 429)
  list(@Query() q: AuditQueryDto) {
    return this.audit.list(q);
  }
}
