import type { PenaltyField } from '@app/scoring';

/**
 * Words of a violation type that place a penalty in a field of law. The 2021
 * repair measures set a 12-month minimum period for penalties in the food,
 * drug and special-equipment fields (a property of the penalty, not of the
 * enterprise's industry). Matched as substrings of `violationType`.
 */
const FIELD_WORDS: readonly [Exclude<PenaltyField, 'OTHER'>, readonly string[]][] = [
  ['FOOD', ['食品', '餐饮', '保健食品', '食用农产品']],
  ['DRUG', ['药品', '疫苗', '医疗器械', '化妆品']],
  ['SPECIAL_EQUIPMENT', ['特种设备', '电梯', '锅炉', '压力容器', '起重机械']],
];

/**
 * The field of a penalty sent without one: the one field the violation type
 * names, else OTHER (no word, or words of two fields: ambiguous, so the
 * shorter period applies and the authority may send `field` explicitly).
 */
export function penaltyFieldOf(violationType: string | null | undefined): PenaltyField {
  if (!violationType) return 'OTHER';
  const hits = FIELD_WORDS.filter(([, words]) => words.some((w) => violationType.includes(w)));
  return hits.length === 1 ? hits[0][0] : 'OTHER';
}
