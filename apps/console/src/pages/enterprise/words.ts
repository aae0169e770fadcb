import { fmt } from '../../format';
import type { I18n } from '../../i18n';
import type { CreditRecord, Enterprise } from '../../types';

/** 批发和零售业 · 批发业 (the standard names divisions in Chinese only). */
export function industryText(e: Enterprise, i18n: I18n): string {
  const n = e.industryName;
  if (!n) return '';
  const section = i18n.lang === 'zh' ? n.sectionName.zh : n.sectionName.en;
  return n.divisionName ? `${section} · ${n.divisionName}` : section;
}

/** What re-scored the enterprise, in words: 分类批次 #12, 信用修复批准 #3, 新增记录 #5. */
export function triggerText(trigger: string | null | undefined, i18n: I18n): string {
  if (!trigger) return '';
  const [kind, id] = trigger.split(':');
  const words = i18n.code('trigger', kind);
  if (words === kind) return trigger;
  if (!id) return words;
  return kind.startsWith('cli') ? `${words} (${id})` : `${words} #${id}`;
}

export function recordDetails(r: CreditRecord, i18n: I18n): string {
  const parts: string[] = [];
  if (r.severity) parts.push(i18n.code('severity', r.severity));
  if (r.restrictive) parts.push(i18n.lang === 'zh' ? '限制性' : 'restrictive');
  if (r.violationType) parts.push(r.violationType);
  if (r.amount !== undefined) parts.push(fmt.cny(r.amount));
  if (r.documentNo) parts.push(r.documentNo);
  if (r.reason) parts.push(r.reason);
  if (r.field) parts.push(i18n.code('field', r.field));
  if (r.result) parts.push(i18n.code('result', r.result));
  if (r.title) parts.push(r.title);
  if (r.year !== undefined) parts.push(String(r.year));
  if (r.rating) parts.push(r.rating);
  return parts.join(' · ');
}
