import { registerCodes } from './i18n';

/**
 * The menu entries of the supervision and administration pages (issue 17):
 * in the main bundle, since the menu is drawn before any page chunk loads.
 */
registerCodes({
  'nav.plans': ['抽查计划', 'Inspection plans'],
  'nav.inspectors': ['检查人员', 'Inspectors'],
  'nav.models': ['模型效果', 'Model performance'],
  'nav.audit': ['审计日志', 'Audit trail'],
  'nav.imports': ['数据导入', 'Imports'],
  'nav.records': ['录入记录', 'Enter a record'],
});
