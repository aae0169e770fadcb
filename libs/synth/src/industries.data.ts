/**
 * GB/T 4754 industry codes with the word a company name uses for them.
 * High-risk prefixes of the default model (C13–C15 food, C26 hazardous
 * chemicals, C27 drugs, C34 special equipment) make up ~10% of the weight.
 */
import { cumulative } from './prng';
export interface Industry {
  code: string;
  /** Industry word in a company name, e.g. 贸易 in 杭州西湖明辉贸易有限公司. */
  word: string;
  weight: number;
  /** Retail, catering, personal services: more consumer complaints. */
  consumerFacing: boolean;
  /** Typical business of farmers' cooperatives (USCC kind 3). */
  farming?: boolean;
}

type Row = [code: string, word: string, weight: number, consumerFacing: boolean, farming?: boolean];

// prettier-ignore
const ROWS: readonly Row[] = [
  ['F5191', '再生资源', 2, false], ['F5199', '贸易', 14, false], ['F5193', '电子商务', 6, false],
  ['F5137', '服饰', 3, false], ['F5123', '农产品', 2, false], ['F5211', '百货', 4, true],
  ['F5212', '超市', 2, true], ['F5261', '汽车销售', 1, true],
  ['C1391', '食品', 1.5, false], ['C1431', '食品', 1.5, false], ['C1512', '酒业', 0.8, false],
  ['C1523', '饮品', 0.8, false], ['C2614', '化工', 1, false], ['C2631', '化工', 0.4, false],
  ['C2710', '制药', 0.6, false], ['C2720', '药业', 0.6, false], ['C3411', '锅炉', 0.5, false],
  ['C3441', '机械设备', 1.2, false], ['C1810', '服装', 2, false], ['C3981', '电子', 2, false],
  ['E4710', '建筑工程', 5, false], ['H6210', '餐饮', 6, true], ['H6110', '酒店管理', 1.5, true],
  ['I6510', '科技', 9, false], ['I6513', '软件', 3, false], ['L7212', '投资管理', 3, false],
  ['L7259', '广告', 3, false], ['M7320', '技术', 4, false], ['M7520', '科技服务', 3, false],
  ['K7010', '房地产开发', 1.5, false], ['G5431', '物流', 4, false], ['O8010', '家政服务', 2, true],
  ['O8051', '美容', 2, true], ['A0111', '种植', 0.6, false, true], ['A0311', '养殖', 0.4, false, true],
];

export const INDUSTRIES: readonly Industry[] = ROWS.map(
  ([code, word, weight, consumerFacing, farming]) => ({
    code,
    word,
    weight,
    consumerFacing,
    farming: farming ?? false,
  }),
);

export const INDUSTRY_TABLE = cumulative(INDUSTRIES.map((i) => i.weight));
export const FARMING_INDUSTRIES: readonly Industry[] = INDUSTRIES.filter((i) => i.farming);

/** Mirrors the default model's B3 prefixes; used only to bias violation types. */
const HIGH_RISK = /^C(1[345]|2[67]|34)/;
export function isHighRiskIndustry(code: string): boolean {
  return HIGH_RISK.test(code);
}
