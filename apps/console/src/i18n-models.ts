import { registerCodes, useI18n } from './i18n';

/**
 * Words of the 模型效果 page and of inspection results, registered under
 * `mdl.` so they ship in those pages' lazily loaded chunks.
 */
const MODELS = {
  title: ['模型效果', 'Model performance'],
  intro: [
    '用后续抽查结果检验风险分类：各等级问题发现率、模型区分能力（AUC）、评分分布稳定性（PSI），以及模型启用的双人审批。',
    'Checks the classification against later inspection results: problem rate per tier, discrimination (AUC), stability of the score distribution (PSI), and the two-person approval of a model.',
  ],
  versions: ['模型版本', 'Model versions'],
  version: ['版本', 'Version'],
  active: ['当前启用', 'Active'],
  candidate: ['候选模型', 'Candidate'],
  window: ['检验期间', 'Outcome window'],
  asOf: ['评分基准日', 'Scores as of'],
  sample: ['样本（企业 / 发现问题）', 'Sample (enterprises / problems)'],
  notMeasured: ['尚未计算', 'Not measured yet'],
  rates: ['各等级问题发现率（95% 置信区间）', 'Problem rate per tier (95% interval)'],
  ratesHelp: [
    '问题发现率 = 发现问题或无法联系的户数 ÷ 已检查户数；区间为 Wilson 95% 置信区间。',
    'Problem rate = enterprises with a problem or not found ÷ enterprises inspected; the interval is the 95% Wilson interval.',
  ],
  inspected: ['已检查', 'Inspected'],
  problems: ['发现问题', 'Problems'],
  rate: ['发现率', 'Rate'],
  interval: ['95% 区间', '95% interval'],
  ordered: ['各等级发现率由 A 至 D 递增', 'Rates rise from A to D'],
  notOrdered: ['各等级发现率未按 A 至 D 递增', 'Rates do not rise from A to D'],
  roc: ['ROC 曲线', 'ROC curve'],
  rocHelp: [
    '横轴：未发现问题企业中被判为高风险的比例；纵轴：发现问题企业中被判为高风险的比例。曲线越靠左上，区分能力越强。',
    'Across: share of enterprises without problems rated risky; up: share of enterprises with problems rated risky. The further up and left, the better the model separates them.',
  ],
  auc: ['AUC', 'AUC'],
  ks: ['KS', 'KS'],
  gini: ['Gini', 'Gini'],
  psi: ['评分稳定性（PSI）', 'Score stability (PSI)'],
  psiHelp: [
    '每次批次与同范围上一批次的评分分布比较：低于 {watch} 稳定，{watch}–{alert} 关注，高于 {alert} 预警。',
    'Each run against the previous run of its scope: below {watch} stable, {watch}–{alert} watch, above {alert} alert.',
  ],
  run: ['批次', 'Run'],
  previousRun: ['对比批次', 'Compared with'],
  band: ['状态', 'Band'],
  'band.STABLE': ['稳定', 'Stable'],
  'band.WATCH': ['关注', 'Watch'],
  'band.ALERT': ['预警', 'Alert'],
  noDrift: ['尚无可比较的批次。', 'No run to compare yet.'],
  governance: ['模型启用审批', 'Model activation'],
  governanceHelp: [
    '由一名管理员提出（须附该版本对全部企业的已完成试运行），由另一名管理员批准后启用。',
    'One admin proposes a version (with a completed dry run of it over every enterprise); another admin approves it, and it becomes active.',
  ],
  propose: ['提出启用', 'Propose'],
  dryRunId: ['试运行批次号', 'Dry run number'],
  reason: ['理由', 'Reason'],
  approve: ['批准启用', 'Approve'],
  refuse: ['不予启用', 'Refuse'],
  refuseReason: ['不予启用的理由', 'Reason for refusing'],
  proposedBy: ['提出人', 'Proposed by'],
  decidedBy: ['决定人', 'Decided by'],
  status: ['状态', 'Status'],
  'status.PROPOSED': ['待审批', 'Awaiting approval'],
  'status.ACTIVE': ['已启用', 'Active'],
  'status.RETIRED': ['已停用', 'Retired'],
  'status.REFUSED': ['未获批准', 'Refused'],
  ownProposal: ['本人提出，须由另一名管理员批准', 'Your proposal: another admin approves it'],
  noProposals: ['暂无启用申请。', 'No proposal.'],
  done: ['已完成', 'Done'],
  // inspection results
  progress: ['检查进度', 'Progress'],
  progressOf: ['已录入 {done} / {total} 户', '{done} of {total} recorded'],
  closed: ['全部结果已录入，计划已完结', 'Every result recorded: the plan is closed'],
  results: ['检查结果录入', 'Inspection results'],
  result: ['检查结果', 'Result'],
  'result.PASS': ['未发现问题', 'No problem found'],
  'result.PROBLEM': ['发现问题', 'Problem found'],
  'result.NOT_FOUND': ['通过登记的住所无法联系', 'Not found at the registered address'],
  inspectedOn: ['检查日期', 'Inspected on'],
  documentNo: ['检查文书编号', 'Inspection document number'],
  findings: ['检查发现', 'Findings'],
  penaltyRecordId: ['后续处罚记录号', 'Penalty record that followed'],
  record: ['录入结果', 'Record the result'],
  recorded: ['已录入', 'Recorded'],
  pending: ['待录入', 'Pending'],
  serverSays: ['服务器校验：', 'The server says: '],
  inspectedOnRequired: ['请填写检查日期。', 'Please enter the inspection date.'],
  documentNoRequired: ['请填写检查文书编号。', 'Please enter the inspection document number.'],
  findingsRequired: ['发现问题时请填写检查发现。', 'Please describe what was found.'],
  penaltyInvalid: ['处罚记录号应为数字。', 'The penalty record number is a number.'],
  publicCsv: ['下载公示结果（CSV）', 'Download the public results (CSV)'],
  listingProposed: [
    '已生成列入经营异常名录的待办，由本地区监管人员决定。',
    'A proposal to list it as abnormal now awaits the region’s regulators.',
  ],
} satisfies Record<string, [string, string]>;

export type ModelKey = keyof typeof MODELS;

registerCodes(Object.fromEntries(Object.entries(MODELS).map(([k, v]) => [`mdl.${k}`, v])));

export function useModelText() {
  const i18n = useI18n();
  const m = (key: ModelKey, vars?: Record<string, string | number>) => {
    let s = i18n.code('mdl', key);
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
  return { ...i18n, m };
}
