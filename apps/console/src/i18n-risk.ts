import { registerCodes } from './i18n';

/**
 * Words for risk data: tiers, measures, scorecard categories. Only the
 * regulators' pages import this, so it ships in their lazily loaded chunk and
 * an enterprise's browser never receives it (issue 15: no tier anywhere in
 * what an enterprise downloads).
 */
registerCodes({
  'tier.A': ['A 类 · 信用风险低', 'A · low risk'],
  'tier.B': ['B 类 · 信用风险一般', 'B · moderate risk'],
  'tier.C': ['C 类 · 信用风险较高', 'C · elevated risk'],
  'tier.D': ['D 类 · 信用风险高', 'D · high risk'],
  'measure.INCENTIVE': ['守信激励', 'Incentive'],
  'measure.PUNISHMENT': ['失信惩戒', 'Punishment'],
  'measure.SUPERVISION': ['监管措施', 'Supervision'],
  'category.basic': ['基础属性', 'Basic'],
  'category.dynamic': ['动态信息', 'Dynamic'],
  'category.regulatory': ['监管信息', 'Regulatory'],
  'category.relations': ['关联关系', 'Relations'],
  'category.social': ['社会评价', 'Social'],
});
