import { Body, Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { Audit, Caller, CurrentCaller, Roles, IdPipe, UsccPipe, ApiErrors } from '@app/core';
import {
  InspectionResultService,
  RecordInspectionResultDto,
  RegionPageQueryDto,
} from '@app/supervision';

const RESULT_EXAMPLE = {
  item: {
    planId: 7,
    position: 1,
    uscc: '91330106MA2B3C4D5E',
    result: 'NOT_FOUND',
    inspectedOn: '2026-07-02',
    documentNo: '杭西市监检〔2026〕57号',
    findings: null,
    penaltyRecordId: null,
    recordedBy: 'regulator-xihu-01',
    recordedAt: '2026-07-02T08:10:00.000Z',
  },
  recordId: 4711,
  listingProposed: true,
};

const RATE = {
  type: 'object',
  properties: {
    inspected: { type: 'integer' },
    problems: { type: 'integer', description: 'PROBLEM or NOT_FOUND' },
    rate: { type: 'number', nullable: true },
    low: { type: 'number', nullable: true, description: '95% Wilson interval' },
    high: { type: 'number', nullable: true },
  },
};

/** Results of 双随机 inspections: recording (once), progress, and what is published. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('inspection-plans')
export class InspectionResultsController {
  constructor(private readonly results: InspectionResultService) {}

  @Post(':id/items/:uscc/result')
  @Roles('regulator')
  @Audit('inspection-result.record')
  @ApiOperation({
    summary: 'Record the result of one drawn enterprise’s inspection (once)',
    description:
      'By a regulator whose jurisdiction covers the enterprise (the inspectors’ authority). ' +
      'Creates an INSPECTION record in the same transaction (the enterprise is re-scored ' +
      'within seconds like after any record); NOT_FOUND (通过登记的住所无法联系) also opens a ' +
      'proposal to list the enterprise as abnormal, for the region’s regulators to decide ' +
      '(GET /listing-proposals; never listed automatically). The last result closes the plan.',
  })
  @ApiCreatedResponse({ schema: { example: RESULT_EXAMPLE } })
  @ApiErrors(400, 401, 403, 429, 404, {
    status: 409,
    description: 'the item already has a result',
  })
  record(
    @CurrentCaller() caller: Caller,
    @Param('id', IdPipe) id: number,
    @Param('uscc', UsccPipe) uscc: string,
    @Body() dto: RecordInspectionResultDto,
  ) {
    return this.results.record(caller, id, uscc, dto);
  }

  @Get(':id/progress')
  @Roles('regulator', 'admin')
  @Audit('inspection-plan.progress')
  @ApiOperation({
    summary: 'Items done out of the total, per tier at the draw, with the 问题发现率 per tier',
    description:
      'Rates are problems (PROBLEM or NOT_FOUND) over results recorded, with 95% Wilson ' +
      'intervals; `ordered` says whether they rise from A to D. `closed` once every item has a result.',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        planId: { type: 'integer' },
        total: { type: 'integer' },
        done: { type: 'integer' },
        closed: { type: 'boolean' },
        closedAt: { type: 'string', format: 'date-time', nullable: true },
        byTier: { type: 'object', description: '{A: {total, done}, …}' },
        rates: {
          type: 'object',
          properties: {
            byTier: { type: 'object', properties: { A: RATE, B: RATE, C: RATE, D: RATE } },
            ordered: { type: 'boolean' },
          },
        },
      },
    },
  })
  @ApiErrors(400, 401, 403, 429, 404)
  progress(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number) {
    return this.results.progress(caller, id);
  }

  @Get(':id/results')
  @Roles('regulator', 'admin')
  @Audit('inspection-plan.results')
  @ApiOperation({
    summary: '一公开: the recorded results as published (JSON twin of results.csv)',
    description:
      'Enterprise name, USCC, inspection item (the plan’s name), result, date, document ' +
      'number and authority. No tier, no score, no inspector.',
  })
  @ApiOkResponse({
    schema: {
      example: [
        {
          name: '杭州西湖明辉贸易有限公司',
          uscc: '91330106MA2B3C4D5E',
          inspectionItem: '2026年第三季度西湖区双随机抽查',
          result: 'PASS',
          resultText: '未发现问题',
          inspectedOn: '2026-07-02',
          documentNo: '杭西市监检〔2026〕57号',
          authority: '浙江省杭州市西湖区市场监督管理局',
        },
      ],
    },
  })
  @ApiErrors(400, 401, 403, 429, 404)
  publicResults(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number) {
    return this.results.publicResults(caller, id);
  }

  @Get(':id/results.csv')
  @Roles('regulator', 'admin')
  @Audit('inspection-plan.results')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: '一公开: the recorded results as CSV for publication (UTF-8 with BOM)',
    description:
      'Columns: 企业名称, 统一社会信用代码, 抽查事项, 检查结果, 检查日期, 检查文书编号, 检查机关.',
  })
  @ApiOkResponse({ description: 'UTF-8 with BOM', schema: { type: 'string' } })
  @ApiErrors(400, 401, 403, 429, 404)
  async publicResultsCsv(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: number) {
    const { body } = await this.results.publicResultsCsv(caller, id);
    return new StreamableFile(Readable.from(body), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="inspection-plan-${id}-results.csv"`,
    });
  }
}

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('listing-proposals')
export class ListingProposalsController {
  constructor(private readonly results: InspectionResultService) {}

  @Get()
  @Roles('regulator', 'admin')
  @Audit('listing-proposal.list', (s) => s.query.region)
  @ApiOperation({
    summary: 'Open proposals to list enterprises as abnormal after an inspection found no one',
    description:
      'Opened by a NOT_FOUND inspection result (通过登记的住所无法联系). The listing itself is ' +
      'the regulator’s decision: POST an ABNORMAL_LISTING record to the enterprise.',
  })
  @ApiOkResponse({
    schema: {
      example: {
        items: [
          {
            id: 3,
            planId: 7,
            uscc: '91330106MA2B3C4D5E',
            name: '杭州西湖明辉贸易有限公司',
            regionCode: '330106',
            inspectionRecordId: 4711,
            inspectedOn: '2026-07-02',
            reason: '通过登记的住所无法联系',
            status: 'OPEN',
            createdAt: '2026-07-02T08:10:00.000Z',
          },
        ],
        page: 1,
        pageSize: 50,
        total: 1,
      },
    },
  })
  @ApiErrors(400, 401, 403, 429)
  list(@CurrentCaller() caller: Caller, @Query() q: RegionPageQueryDto) {
    return this.results.proposalsFor(caller, q);
  }
}
