import { Controller, Get, Param, Post, Req, StreamableFile } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Audit, Caller, CurrentCaller, Roles, ApiErrors } from '@app/core';
import { EvidenceStore, EvidenceUploadSlots } from '@app/repair';
import { readEvidence } from './read-evidence';
import { StoredEvidenceView } from '../openapi/repair.views';

@ApiTags('credit repair')
@ApiBearerAuth()
@Controller('evidence')
export class EvidenceController {
  constructor(
    private readonly store: EvidenceStore,
    private readonly slots: EvidenceUploadSlots,
  ) {}

  @Post()
  @Roles('enterprise')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'PDF, PNG or JPEG' } },
    },
  })
  @ApiOperation({
    summary:
      'Upload a repair material (PDF/PNG/JPEG by content, ≤ 10 MB) → {sha256, size, contentType}; ' +
      '400 wrong type or not exactly one part "file", 404 enterprise not in the registry, ' +
      '413 too large or over the quota, 503 + Retry-After too many uploads at once',
  })
  @ApiCreatedResponse({ type: StoredEvidenceView })
  @ApiErrors(400, 401, 403, 429, 413, 415, 422)
  async upload(@CurrentCaller() caller: Caller, @Req() req: FastifyRequest) {
    return this.slots.run(async () => {
      await this.store.admit(caller);
      return this.store.save(caller, await readEvidence(req, this.store));
    });
  }

  @Get(':sha256')
  @Audit('evidence.read', (s) => s.params.sha256)
  @Roles('enterprise', 'regulator')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOperation({
    summary:
      'Download a material: its uploader, or a regulator of the region of an application citing it',
  })
  @ApiOkResponse({
    description: 'the file as uploaded',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiErrors(400, 401, 403, 429, 404)
  async download(@CurrentCaller() caller: Caller, @Param('sha256') sha256: string) {
    const file = await this.store.open(caller, sha256.toLowerCase());
    return new StreamableFile(file.stream, {
      type: file.contentType,
      length: file.size,
      disposition: `attachment; filename="${sha256.toLowerCase()}"`,
    });
  }
}
