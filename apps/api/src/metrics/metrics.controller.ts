import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, ApiErrors } from '@app/core';
import { METRICS_PATH } from '../unprefixed-routes';
import { MetricsService } from './metrics.service';
import { MetricsTokenGuard } from './metrics-token.guard';

@ApiTags('operations')
@Controller(METRICS_PATH)
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  // Not a user's JWT: the scraper's static METRICS_TOKEN, checked by MetricsTokenGuard.
  @Public()
  @UseGuards(MetricsTokenGuard)
  @ApiProduces('text/plain')
  // No user token: `security: []` tells clients so (the document's default is a bearer).
  @ApiOperation({
    security: [],
    summary: 'Prometheus metrics (outside /api/v1; bearer METRICS_TOKEN when configured)',
  })
  @ApiOkResponse({ description: 'Prometheus text format 0.0.4', schema: { type: 'string' } })
  @ApiErrors(
    { status: 401, description: 'METRICS_TOKEN is configured and the bearer is not it' },
    429,
  )
  async scrape(@Res() res: FastifyReply): Promise<void> {
    const body = await this.metrics.scrape();
    await res.type(this.metrics.contentType).send(body);
  }
}
