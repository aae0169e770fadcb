import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UsccPipe, ApiErrors } from '@app/core';
import { PersonLinkService, ReplacePersonsDto } from '@app/registry';
import { PersonLinksView } from '../openapi/registry.views';

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
  @ApiOkResponse({ type: PersonLinksView })
  @ApiErrors(400, 401, 403, 429, 404)
  async replace(@Param('uscc', UsccPipe) uscc: string, @Body() dto: ReplacePersonsDto) {
    return { uscc, persons: await this.links.replace(uscc, dto.persons) };
  }
}
