import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@app/core';
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
  @ApiOperation({
    summary: 'Prometheus metrics (outside /api/v1; bearer METRICS_TOKEN when configured)',
  })
  async scrape(@Res() res: FastifyReply): Promise<void> {
    const body = await this.metrics.scrape();
    await res.type(this.metrics.contentType).send(body);
  }
}
