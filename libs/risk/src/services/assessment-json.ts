import type { AssessmentView, FactorView } from './assessment.view';

/** An indicator's fixed part, `{"code":…,"category":…,"label":…,`, once per label object. */
const heads = new WeakMap<object, { code: string; category: string | null; json: string }>();
const json = JSON.stringify;

/**
 * The JSON of an assessment view, byte for byte what JSON.stringify gives
 * (assessment-json.spec.ts), for the hottest read of the service. Most of a
 * response is fixed model text: every indicator's code, category and
 * bilingual label, ~2 KB of mostly Chinese that JSON.stringify escapes anew
 * on every read (5% of the API's CPU profile under load, docs/performance.md). Each
 * indicator's fixed part is written once here, keyed by its label object (one per
 * indicator of a loaded model), and a read writes only points and record ids.
 * Keys in the order assessmentView builds them.
 */
export function assessmentViewJson(v: AssessmentView): string {
  let factors = '';
  for (const f of v.factors) factors += (factors && ',') + factorJson(f);
  return (
    `{"uscc":${json(v.uscc)},"tier":${json(v.tier)},"score":${json(v.score)},` +
    `"modelVersion":${json(v.modelVersion)},"modelHash":${json(v.modelHash)},"asOf":${json(v.asOf)},` +
    `"assessedAt":${json(v.assessedAt)},"nextReviewOn":${json(v.nextReviewOn)},` +
    `"base":${json(v.base)},"thresholds":${json(v.thresholds)},` +
    `"factors":[${factors}],"vetoes":${json(v.vetoes)}}`
  );
}

function factorJson(f: FactorView): string {
  if (f.label === null) return json(f);
  let head = heads.get(f.label);
  if (head?.code !== f.code || head.category !== f.category) {
    const text = json({ code: f.code, category: f.category, label: f.label });
    head = { code: f.code, category: f.category, json: `${text.slice(0, -1)},` };
    heads.set(f.label, head);
  }
  return `${head.json}"points":${json(f.points)},"recordIds":${json(f.recordIds)}}`;
}
