import { regionFullName } from '@app/core';
import { csvChunks, csvLine } from '../services/plan-csv';
import { PlanHeader, PublicResult } from '../services/inspection-plan.repository';

/**
 * One published line of a plan's results (一公开): what the law makes public,
 * in the publication's own words. No tier, no score, no inspector.
 */
export interface PublicResultLine {
  name: string;
  uscc: string;
  /** 抽查事项: the plan's name, which says what was inspected. */
  inspectionItem: string;
  result: PublicResult['result'];
  resultText: string;
  inspectedOn: string;
  documentNo: string;
  authority: string;
}

export const RESULT_TEXT: Record<PublicResult['result'], string> = {
  PASS: '未发现问题',
  PROBLEM: '发现问题',
  NOT_FOUND: '通过登记的住所无法联系',
};

export const PUBLIC_RESULTS_CSV_HEADER = [
  '企业名称',
  '统一社会信用代码',
  '抽查事项',
  '检查结果',
  '检查日期',
  '检查文书编号',
  '检查机关',
];

/** The market regulator of the plan's region, as the publication names it. */
export function authorityOf(plan: PlanHeader): string {
  return `${regionFullName(plan.region) ?? plan.region}市场监督管理局`;
}

export function publicResultLine(plan: PlanHeader, r: PublicResult): PublicResultLine {
  return {
    name: r.name,
    uscc: r.uscc,
    inspectionItem: plan.name,
    result: r.result,
    resultText: RESULT_TEXT[r.result],
    inspectedOn: r.inspectedOn,
    documentNo: r.documentNo,
    authority: authorityOf(plan),
  };
}

/** BOM, header and one line per recorded result, in chunks. */
export function publicResultsCsv(
  plan: PlanHeader,
  results: AsyncIterable<PublicResult>,
): AsyncGenerator<string> {
  return csvChunks(PUBLIC_RESULTS_CSV_HEADER, results, (r) => {
    const l = publicResultLine(plan, r);
    return csvLine([
      l.name,
      l.uscc,
      l.inspectionItem,
      l.resultText,
      l.inspectedOn,
      l.documentNo,
      l.authority,
    ]);
  });
}
