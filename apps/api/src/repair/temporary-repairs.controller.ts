import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit, Caller, CurrentCaller, Roles, UsccPipe, ApiErrors } from '@app/core';
import { TemporaryRepairDto, TemporaryRepairService } from '@app/repair';
import { TemporaryRepairView } from '../openapi/repair.views';

@ApiTags('credit repair')
@ApiBearerAuth()
@Controller('enterprises/:uscc/temporary-repairs')
export class TemporaryRepairsController {
  constructor(private readonly repairs: TemporaryRepairService) {}

  @Post()
  @Roles('regulator')
  @Audit('repair.temporary')
  @ApiOperation({
    summary:
      '破产重整 临时信用修复: suspend listed records for the term of a court-approved reorganisation plan → 201; they count again by themselves after planEndsOn; 422 naming records that cannot be suspended; 403 for records another authority issued',
  })
  @ApiCreatedResponse({ type: TemporaryRepairView })
  @ApiErrors(400, 401, 403, 429, 404, 409, 422)
  suspend(
    @CurrentCaller() caller: Caller,
    @Param('uscc', UsccPipe) uscc: string,
    @Body() dto: TemporaryRepairDto,
  ) {
    return this.repairs.suspend(caller, uscc, dto);
  }
}
