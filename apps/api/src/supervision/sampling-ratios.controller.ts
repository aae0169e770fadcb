import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/core';
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
  @ApiOkResponse({
    schema: {
      example: {
        A: { default: 0.05, min: 0, max: 0.05 },
        B: { default: 0.1, min: 0.05, max: 0.2 },
        C: { default: 0.4, min: 0.21, max: 0.6 },
        D: { default: 0.8, min: 0.61, max: 1 },
      },
    },
  })
  get() {
    return this.catalog.config.inspection.ratios;
  }
}
