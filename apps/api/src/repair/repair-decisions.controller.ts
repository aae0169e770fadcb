import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit, Caller, CurrentCaller, Roles, IdPipe, ApiErrors } from '@app/core';
import {
  ApplicationDecisionService,
  DecisionDto,
  RequestMaterialsDto,
  SupplyMaterialsDto,
  WithdrawDto,
} from '@app/repair';
import { RepairApplicationView } from '../openapi/repair.views';

/** Transitions: 200 with the new state; 409 on a stale version or a disallowed transition. */
@ApiTags('credit repair')
@ApiBearerAuth()
@Controller('repair-applications/:id')
export class RepairDecisionsController {
  constructor(private readonly decisions: ApplicationDecisionService) {}

  @Post('accept')
  @Audit('repair.accept')
  @HttpCode(200)
  @Roles('regulator')
  @ApiOperation({ summary: '受理: SUBMITTED → ACCEPTED; sets decideBy' })
  @ApiOkResponse({ type: RepairApplicationView })
  @ApiErrors(
    400,
    401,
    403,
    429,
    404,
    {
      status: 409,
      description: 'a stale version, or a transition not allowed from the current state',
    },
    422,
  )
  accept(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: DecisionDto) {
    return this.decisions.act(c, id, 'accept', dto);
  }

  @Post('reject')
  @Audit('repair.reject')
  @HttpCode(200)
  @Roles('regulator')
  @ApiOperation({ summary: '不予受理: SUBMITTED → REJECTED; reason required' })
  @ApiOkResponse({ type: RepairApplicationView })
  @ApiErrors(
    400,
    401,
    403,
    429,
    404,
    {
      status: 409,
      description: 'a stale version, or a transition not allowed from the current state',
    },
    422,
  )
  reject(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: DecisionDto) {
    return this.decisions.act(c, id, 'reject', dto);
  }

  @Post('request-materials')
  @Audit('repair.request-materials')
  @HttpCode(200)
  @Roles('regulator')
  @ApiOperation({
    summary:
      '补正 (一次性告知): SUBMITTED → AWAITING_MATERIALS, once, naming every missing material; the acceptance clock stops; sets supplyBy',
  })
  @ApiOkResponse({ type: RepairApplicationView })
  @ApiErrors(
    400,
    401,
    403,
    429,
    404,
    {
      status: 409,
      description: 'a stale version, or a transition not allowed from the current state',
    },
    422,
  )
  requestMaterials(
    @CurrentCaller() c: Caller,
    @Param('id', IdPipe) id: number,
    @Body() dto: RequestMaterialsDto,
  ) {
    return this.decisions.act(c, id, 'request-materials', dto);
  }

  @Post('supply-materials')
  @Audit('repair.supply-materials')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiOperation({
    summary:
      'The reply to 补正: AWAITING_MATERIALS → SUBMITTED with the requested files; acceptBy restarts from today',
  })
  @ApiOkResponse({ type: RepairApplicationView })
  @ApiErrors(
    400,
    401,
    403,
    429,
    404,
    {
      status: 409,
      description: 'a stale version, or a transition not allowed from the current state',
    },
    422,
  )
  supplyMaterials(
    @CurrentCaller() c: Caller,
    @Param('id', IdPipe) id: number,
    @Body() dto: SupplyMaterialsDto,
  ) {
    return this.decisions.act(c, id, 'supply-materials', dto);
  }

  @Post('approve')
  @Audit('repair.approve')
  @HttpCode(200)
  @Roles('regulator')
  @ApiOperation({
    summary: '修复: ACCEPTED → APPROVED; the record becomes REPAIRED and is re-scored',
  })
  @ApiOkResponse({ type: RepairApplicationView })
  @ApiErrors(
    400,
    401,
    403,
    429,
    404,
    {
      status: 409,
      description: 'a stale version, or a transition not allowed from the current state',
    },
    422,
  )
  approve(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: DecisionDto) {
    return this.decisions.act(c, id, 'approve', dto);
  }

  @Post('deny')
  @Audit('repair.deny')
  @HttpCode(200)
  @Roles('regulator')
  @ApiOperation({ summary: '不予修复: ACCEPTED → DENIED; reason required' })
  @ApiOkResponse({ type: RepairApplicationView })
  @ApiErrors(
    400,
    401,
    403,
    429,
    404,
    {
      status: 409,
      description: 'a stale version, or a transition not allowed from the current state',
    },
    422,
  )
  deny(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: DecisionDto) {
    return this.decisions.act(c, id, 'deny', dto);
  }

  @Post('revoke')
  @Audit('repair.revoke')
  @HttpCode(200)
  @Roles('regulator')
  @ApiOperation({
    summary:
      'APPROVED → REVOKED (materials proved false); the record returns to ACTIVE; reason required',
  })
  @ApiOkResponse({ type: RepairApplicationView })
  @ApiErrors(
    400,
    401,
    403,
    429,
    404,
    {
      status: 409,
      description: 'a stale version, or a transition not allowed from the current state',
    },
    422,
  )
  revoke(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: DecisionDto) {
    return this.decisions.act(c, id, 'revoke', dto);
  }

  @Post('withdraw')
  @Audit('repair.withdraw')
  @HttpCode(200)
  @Roles('enterprise')
  @ApiOperation({ summary: 'The enterprise withdraws its own application before a decision' })
  @ApiOkResponse({ type: RepairApplicationView })
  @ApiErrors(
    400,
    401,
    403,
    429,
    404,
    {
      status: 409,
      description: 'a stale version, or a transition not allowed from the current state',
    },
    422,
  )
  withdraw(@CurrentCaller() c: Caller, @Param('id', IdPipe) id: number, @Body() dto: WithdrawDto) {
    return this.decisions.act(c, id, 'withdraw', dto);
  }
}
