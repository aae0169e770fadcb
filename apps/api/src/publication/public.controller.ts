import { Controller, Get, Headers, HttpStatus, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { ApiErrors, Public, UsccPipe } from '@app/core';
import { PublicRegisterService } from '@app/publication';
import { RegionPageQueryDto } from '@app/supervision';

/** Caches may keep an answer a minute; a changed record shows within that. */
const CACHE_CONTROL = 'public, max-age=60';

/**
 * Answers 304 when the client's ETag matches the body's, else the body with
 * its ETag: the register is read far more than it changes.
 */
function withEtag(reply: FastifyReply, ifNoneMatch: string | undefined, body: unknown) {
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
  reply.header('ETag', etag).header('Cache-Control', CACHE_CONTROL);
  const matches = ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
  if (matches) {
    reply.status(HttpStatus.NOT_MODIFIED);
    return undefined;
  }
  return body;
}

const LISTING = {
  type: 'object',
  properties: {
    listedOn: { type: 'string', format: 'date' },
    reason: { type: 'string', nullable: true },
    documentNo: { type: 'string', nullable: true },
    authority: { type: 'string', nullable: true, example: '浙江省杭州市西湖区市场监督管理局' },
    authorityRegion: { type: 'string', nullable: true },
    publicUntil: {
      type: 'string',
      format: 'date',
      nullable: true,
      description: 'the last day published; null: until removed',
    },
  },
};

/**
 * 公示: no token. Limited per client address like every request without one
 * (429 with Retry-After), cached by ETag.
 */
@ApiTags('public')
@Controller('public')
export class PublicController {
  constructor(private readonly register: PublicRegisterService) {}

  @Get('enterprises/:uscc')
  @Public()
  // No token: `security: []` tells clients so (the document's default is a bearer).
  @ApiOperation({
    security: [],
    summary: '公示: an enterprise’s name, status and the records the law publishes',
    description:
      'Penalties in their publicity period (document number, violation, fine, authority), the ' +
      'abnormal operations list and the serious dishonest list entries in force, each with the ' +
      'last day it is published. Repaired and revoked records are not shown; no tier, score or ' +
      'measure. ETag / If-None-Match (304); Cache-Control public, 60 s.',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        uscc: { type: 'string' },
        name: { type: 'string' },
        status: { type: 'string' },
        regionCode: { type: 'string' },
        penalties: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              decidedOn: { type: 'string', format: 'date' },
              documentNo: { type: 'string', nullable: true },
              violationType: { type: 'string', nullable: true },
              amount: { type: 'string', nullable: true, example: '20000.00' },
              authority: { type: 'string', nullable: true },
              authorityRegion: { type: 'string', nullable: true },
              publicUntil: { type: 'string', format: 'date', nullable: true },
            },
          },
        },
        abnormalListings: { type: 'array', items: LISTING },
        seriousDishonestyListings: { type: 'array', items: LISTING },
      },
    },
  })
  @ApiResponse({ status: 304, description: 'not modified (If-None-Match)' })
  @ApiErrors(400, 429, 404)
  async enterprise(
    @Param('uscc', UsccPipe) uscc: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, ifNoneMatch, await this.register.enterprise(uscc));
  }

  @Get('serious-dishonesty-list')
  @Public()
  @ApiOperation({
    security: [],
    summary: '公示: the serious dishonest list (严重违法失信名单) of a region, newest first, paged',
    description: 'Listings in force and in publicity. ETag / If-None-Match (304).',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            allOf: [
              {
                type: 'object',
                properties: {
                  uscc: { type: 'string' },
                  name: { type: 'string' },
                  regionCode: { type: 'string' },
                },
              },
              LISTING,
            ],
          },
        },
        page: { type: 'integer' },
        pageSize: { type: 'integer' },
        total: { type: 'integer' },
      },
    },
  })
  @ApiResponse({ status: 304, description: 'not modified (If-None-Match)' })
  @ApiErrors(400, 429)
  async seriousList(
    @Query() q: RegionPageQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, ifNoneMatch, await this.register.seriousList(q));
  }
}
