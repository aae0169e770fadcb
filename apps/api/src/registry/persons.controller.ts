import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UsccPipe } from '@app/core';
import { PersonLinkService, ReplacePersonsDto } from '@app/registry';

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('enterprises/:uscc/persons')
export class PersonsController {
  constructor(private readonly links: PersonLinkService) {}

  @Put()
  @Roles('admin')
  @ApiOperation({
    summary: "Replace the enterprise's linked persons (by idHash); queues re-scoring",
  })
  async replace(@Param('uscc', UsccPipe) uscc: string, @Body() dto: ReplacePersonsDto) {
    return { uscc, persons: await this.links.replace(uscc, dto.persons) };
  }
}
