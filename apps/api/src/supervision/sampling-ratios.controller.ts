import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@app/core';
import { SamplingRatiosView } from '../openapi/supervision.views';
import { MeasuresCatalog } from '@app/supervision';

/**
 * The sampling ratios a draw uses when none is given, and the range each tier's
 * ratio must stay in (config/measures.yaml): the console shows them beside the
 * ratio fields, so a regulator sees what is allowed before a 422 says it.
 */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('inspection-plans/ratios')
export class SamplingRatiosController {
  constructor(private readonly catalog: MeasuresCatalog) {}

  @Get()
  @Roles('regulator', 'admin')
  @ApiOperation({
    summary: 'Sampling ratio per tier: the default and the allowed range {default, min, max}',
  })
  @ApiOkResponse({ type: SamplingRatiosView })
  @ApiErrors(401, 403, 429)
  get() {
    return this.catalog.config.inspection.ratios;
  }
}
