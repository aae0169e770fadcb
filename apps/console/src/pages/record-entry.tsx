import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api';
import { fieldErrors, FieldNote } from '../components/admin-kit';
import { ErrorNote } from '../components/common';
import { fmt } from '../format';
import { useAdminText, type AdminKey } from '../i18n-admin';
import { Link } from '../router';

/** As CreateRecordDto (libs/registry/src/dto/create-record.dto.ts). */
const KINDS = [
  'PENALTY',
  'ABNORMAL_LISTING',
  'SERIOUS_DISHONESTY_LISTING',
  'INSPECTION',
  'COMPLAINT',
  'HONOR',
  'TAX_RATING',
  'JUDGMENT_DEBTOR',
  'ANNUAL_REPORT',
  'LEGAL_REP_CHANGE',
  'ADDRESS_CHANGE',
] as const;
type Kind = (typeof KINDS)[number];
const SEVERITIES = ['MINOR', 'MODERATE', 'SERIOUS'];
const RESULTS = ['PASS', 'PROBLEM', 'NOT_FOUND'];
const RATINGS = ['A', 'B', 'M', 'C', 'D'];
const FIELDS = ['FOOD', 'DRUG', 'SPECIAL_EQUIPMENT', 'OTHER'];
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONEY = /^\d+(\.\d{1,2})?$/;
const REGION6 = /^(?!00)\d{6}$/;

/** Which fields each kind carries; `true`: required (else optional). */
const KIND_FIELDS: Record<Kind, Partial<Record<string, boolean>>> = {
  PENALTY: {
    severity: true,
    amount: true,
    violationType: true,
    documentNo: true,
    field: false,
    restrictive: false,
  },
  ABNORMAL_LISTING: { reason: true, documentNo: false },
  SERIOUS_DISHONESTY_LISTING: { reason: true, documentNo: false },
  INSPECTION: { result: true },
  COMPLAINT: {},
  HONOR: { title: true },
  TAX_RATING: { year: true, rating: true },
  JUDGMENT_DEBTOR: { documentNo: false },
  ANNUAL_REPORT: { year: true },
  LEGAL_REP_CHANGE: {},
  ADDRESS_CHANGE: {},
};

type Values = Record<string, string>;
const EMPTY: Values = {
  occurredOn: '',
  severity: '',
  amount: '',
  violationType: '',
  documentNo: '',
  field: '',
  restrictionEndsOn: '',
  reason: '',
  result: '',
  title: '',
  year: '',
  rating: '',
  authorityRegion: '',
  reference: '',
};

/**
 * /records/new?uscc= : one validated form per record kind (admins). The
 * client says what it can at the field; what only the server knows (the
 * USCC's check character, the amount's digits, …) comes back as 400 `details`
 * and is said at the same fields.
 */
export function RecordEntry({ initialUscc }: { initialUscc: string }) {
  const { a, code, lang } = useAdminText();
  const [uscc, setUscc] = useState(initialUscc);
  const [kind, setKind] = useState<Kind>('PENALTY');
  const [v, setV] = useState<Values>(EMPTY);
  const [restrictive, setRestrictive] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<Error>();
  const [saved, setSaved] = useState<{ id: number; uscc: string; kind: string }>();
  const [busy, setBusy] = useState(false);
  const fields = KIND_FIELDS[kind];
  const has = (f: string) => f in fields;

  const set = (k: string) => (value: string) => setV((old) => ({ ...old, [k]: value }));

  const validate = (): Record<string, string[]> => {
    const e: Record<string, string[]> = {};
    const need = (k: string, ok: boolean, msg: AdminKey) => {
      if (!ok) e[k] = [a(msg)];
    };
    need('uscc', USCC.test(uscc.trim().toUpperCase()), 'usccInvalid');
    need('occurredOn', DATE.test(v.occurredOn), v.occurredOn ? 'dateInvalid' : 'required');
    for (const [k, required] of Object.entries(fields)) {
      if (k === 'restrictive' || k === 'field') continue;
      const value = v[k].trim();
      if (!value) {
        if (required) e[k] = [a('required')];
        continue;
      }
      if (k === 'amount') need(k, MONEY.test(value), 'amountInvalid');
      if (k === 'year')
        need(k, /^\d{4}$/.test(value) && +value >= 1980 && +value <= 2100, 'yearInvalid');
    }
    if (kind === 'PENALTY' && restrictive && v.restrictionEndsOn) {
      need('restrictionEndsOn', DATE.test(v.restrictionEndsOn), 'dateInvalid');
    }
    if (v.authorityRegion.trim()) {
      need('authorityRegion', REGION6.test(v.authorityRegion.trim()), 'authorityInvalid');
    }
    return e;
  };

  const body = () => {
    const b: Record<string, unknown> = { kind, occurredOn: v.occurredOn };
    for (const k of Object.keys(fields)) {
      if (k === 'restrictive') continue;
      const value = v[k].trim();
      if (!value) continue;
      b[k] = k === 'year' ? Number(value) : value;
    }
    if (kind === 'PENALTY' && restrictive) {
      b.restrictive = true;
      if (v.restrictionEndsOn) b.restrictionEndsOn = v.restrictionEndsOn;
    }
    if (v.authorityRegion.trim()) b.authorityRegion = v.authorityRegion.trim();
    if (v.reference.trim()) b.reference = v.reference.trim();
    return b;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(undefined);
    setError(undefined);
    const local = validate();
    setErrors(local);
    if (Object.keys(local).length) {
      setError(new Error(a('fixFields')));
      focusFirst(local);
      return;
    }
    setBusy(true);
    const target = uscc.trim().toUpperCase();
    try {
      const rec = await api<{ id: number; kind: string }>(`/enterprises/${target}/records`, {
        method: 'POST',
        body: body(),
      });
      setSaved({ id: rec.id, uscc: target, kind: rec.kind });
      setV({ ...EMPTY, authorityRegion: v.authorityRegion });
      setRestrictive(false);
    } catch (err) {
      // The API's own words (English), marked as the server's, at each field it names.
      const byField = Object.fromEntries(
        Object.entries(fieldErrors(err)).map(([k, ms]) => [
          k,
          ms.map((m) => `${a('serverSays')}${m}`),
        ]),
      );
      setErrors(byField);
      setError(Object.keys(byField).length ? new Error(a('fixFields')) : (err as Error));
      focusFirst(byField);
    } finally {
      setBusy(false);
    }
  };

  const described = (k: string, help?: boolean) =>
    [help ? `rec-${k}-help` : '', errors[k] ? `rec-${k}-error` : ''].filter(Boolean).join(' ') ||
    undefined;

  /** One labelled control with its help and its errors. */
  const control = (k: string, label: string, input: ReactNode, help?: string) => (
    <div className="field" key={k}>
      <label htmlFor={`rec-${k}`}>
        {label}
        {fields[k] === false || k === 'authorityRegion' || k === 'reference' ? (
          <span className="muted small"> {a('optional')}</span>
        ) : null}
      </label>
      {input}
      {help && (
        <p className="muted small" id={`rec-${k}-help`}>
          {help}
        </p>
      )}
      <FieldNote id={`rec-${k}-error`} messages={errors[k]} />
    </div>
  );
  const text = (
    k: string,
    label: string,
    opts: { help?: string; max?: number; mode?: 'numeric' | 'decimal' } = {},
  ) =>
    control(
      k,
      label,
      <input
        id={`rec-${k}`}
        type="text"
        inputMode={opts.mode}
        value={v[k]}
        maxLength={opts.max}
        onChange={(e) => set(k)(e.target.value)}
        aria-invalid={!!errors[k]}
        aria-describedby={described(k, !!opts.help)}
      />,
      opts.help,
    );
  const date = (k: string, label: string) =>
    control(
      k,
      label,
      <input
        id={`rec-${k}`}
        type="date"
        value={v[k]}
        onChange={(e) => set(k)(e.target.value)}
        aria-invalid={!!errors[k]}
        aria-describedby={described(k)}
      />,
    );
  const select = (k: string, label: string, options: [string, string][], empty: string) =>
    control(
      k,
      label,
      <select
        id={`rec-${k}`}
        value={v[k]}
        onChange={(e) => set(k)(e.target.value)}
        aria-invalid={!!errors[k]}
        aria-describedby={described(k)}
      >
        <option value="">{empty}</option>
        {options.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </select>,
    );
  const occurredLabel = (() => {
    const key = `occurredOn.${kind}` as AdminKey;
    const words = a(key);
    return words === key ? a('occurredOn') : words;
  })();

  return (
    <div className="admin-page">
      <h1 id="rec-page-title">{a('recordEntryTitle')}</h1>
      <p className="lead">{a('recordEntryIntro')}</p>
      <form className="card form" onSubmit={submit} noValidate aria-labelledby="rec-page-title">
        <h2 id="rec-title">{code('kind', kind)}</h2>
        <div className="form-grid">
          {control(
            'uscc',
            a('auditUscc'),
            <input
              id="rec-uscc"
              type="text"
              value={uscc}
              maxLength={18}
              autoComplete="off"
              onChange={(e) => setUscc(e.target.value)}
              aria-invalid={!!errors.uscc}
              aria-describedby={described('uscc')}
            />,
          )}
          {control(
            'kind',
            a('recordKind'),
            <select
              id="rec-kind"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as Kind);
                setErrors({});
                setError(undefined);
              }}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {code('kind', k)}
                </option>
              ))}
            </select>,
          )}
          {date('occurredOn', occurredLabel)}
          {has('severity') &&
            select(
              'severity',
              a('severity'),
              SEVERITIES.map((s) => [s, code('severity', s)]),
              '—',
            )}
          {has('amount') &&
            text('amount', a('amount'), { help: a('amountHelp'), max: 20, mode: 'decimal' })}
          {has('violationType') && text('violationType', a('violationType'), { max: 64 })}
          {has('documentNo') && text('documentNo', a('documentNo'), { max: 100 })}
          {has('field') &&
            select(
              'field',
              a('penaltyField'),
              FIELDS.map((f) => [f, code('field', f)]),
              a('penaltyFieldAuto'),
            )}
          {has('reason') && text('reason', a('listingReason'), { max: 500 })}
          {has('result') &&
            select(
              'result',
              a('inspectionResult'),
              RESULTS.map((r) => [r, code('result', r)]),
              '—',
            )}
          {has('title') && text('title', a('honorTitle'), { max: 200 })}
          {has('year') && text('year', a('year'), { max: 4, mode: 'numeric' })}
          {has('rating') &&
            select(
              'rating',
              a('taxRating'),
              RATINGS.map((r) => [r, lang === 'zh' ? `${r} 级` : r]),
              '—',
            )}
        </div>
        {has('restrictive') && (
          <>
            <label className="check">
              <input
                type="checkbox"
                checked={restrictive}
                onChange={(e) => setRestrictive(e.target.checked)}
              />
              {a('restrictive')}
            </label>
            {restrictive && (
              <div className="form-grid">{date('restrictionEndsOn', a('restrictionEndsOn'))}</div>
            )}
          </>
        )}
        <div className="form-grid">
          {text('authorityRegion', a('authorityRegion'), {
            help: a('authorityRegionHelp'),
            max: 6,
            mode: 'numeric',
          })}
          {text('reference', a('reference'), { help: a('referenceHelp'), max: 100 })}
        </div>
        {error && <ErrorNote error={error} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? a('saving') : a('saveRecord')}
          </button>
        </div>
        {saved && (
          <p className="note ok" role="status" data-testid="record-saved">
            {a('recordSaved')} #{fmt.int(saved.id)} · {code('kind', saved.kind)} ·{' '}
            <Link to={`/enterprises/${saved.uscc}`}>{saved.uscc}</Link>
          </p>
        )}
      </form>
    </div>
  );
}

/** Moves focus to the first field the errors name, so keyboard users land on it. */
function focusFirst(errors: Record<string, string[]>) {
  const first = Object.keys(errors)[0];
  if (first === undefined) return;
  setTimeout(() => document.getElementById(`rec-${first}`)?.focus(), 0);
}
