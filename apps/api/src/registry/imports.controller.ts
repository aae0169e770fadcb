import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Caller, CurrentCaller, PageQueryDto, Roles, IdPipe, ApiErrors } from '@app/core';
import { ImportSpooler, ImportRepository } from '@app/registry';
import { NDJSON_TYPES } from './ndjson';
import {
  ImportAcceptedView,
  ImportRejectionsPageView,
  ImportView,
} from '../openapi/registry.views';

/** Bodies the JSON body parser leaves alone, so the handler can stream them. */

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly spooler: ImportSpooler,
    private readonly imports: ImportRepository,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('admin')
  @ApiConsumes(...NDJSON_TYPES)
  @ApiBody({
    description:
      'One JSON object per line: {"type":"enterprise","uscc","enterprise":{…},"records"?:[…],"persons"?:[…]}, ' +
      '{"type":"record","uscc","record":{…}} or {"type":"persons","uscc","persons":[…]} (see docs/import.md)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary:
      'Bulk import (NDJSON stream) → 202 {id, status}; imported by a worker, progress at GET /imports/:id',
  })
  @ApiAcceptedResponse({ type: ImportAcceptedView })
  @ApiErrors(400, 401, 403, 429, 413, 415)
  submit(
    @CurrentCaller() caller: Caller,
    @Req() req: FastifyRequest,
    @Headers('content-type') contentType = '',
    @Headers('content-length') contentLength?: string,
  ) {
    const type = contentType.split(';')[0].trim().toLowerCase();
    if (!NDJSON_TYPES.includes(type))
      throw new UnsupportedMediaTypeException(`Content-Type must be ${NDJSON_TYPES.join(' or ')}`);
    return this.spooler.submit(
      req.raw,
      caller.sub,
      contentLength === undefined ? undefined : Number(contentLength),
    );
  }

  @Get(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Import status and counters, with the first rejected lines ({line, reason}); rejected is the total',
  })
  @ApiOkResponse({ type: ImportView })
  @ApiErrors(400, 401, 403, 429, 404)
  get(@Param('id', IdPipe) id: number) {
    return this.imports.get(id);
  }

  @Get(':id/rejections')
  @Roles('admin')
  @ApiOperation({ summary: 'The kept rejected lines of an import (the first 1,000), paged' })
  @ApiOkResponse({ type: ImportRejectionsPageView })
  @ApiErrors(400, 401, 403, 429, 404)
  rejections(@Param('id', IdPipe) id: number, @Query() q: PageQueryDto) {
    return this.imports.rejections(id, q.page, q.pageSize);
  }
}
