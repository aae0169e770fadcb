import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import type { Role } from '../auth';
import { fieldErrors, FieldNote, Pager } from '../components/admin-kit';
import { ErrorNote, Loading, Section } from '../components/common';
import { fmt } from '../format';
import { useAdminText } from '../i18n-admin';
import type { Page } from '../types';
import { useApi } from '../use-api';

interface Inspector {
  id: number;
  name: string;
  regionCode: string;
  active: boolean;
  createdAt: string;
}
interface Conflict {
  id: number;
  inspectorId: number;
  uscc: string;
  reason: string;
  createdAt: string;
}

const JURISDICTION = /^(?!00)(\d{2}|\d{4}|\d{6})$/;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const PAGE_SIZE = 20;

/**
 * /inspectors : the pool the draws take inspectors from, with each one's
 * declared conflicts (回避). Admins add inspectors and declare conflicts (the
 * API allows only them); regulators see their jurisdiction's.
 */
export function Inspectors({ role }: { role: Role }) {
  const { a } = useAdminText();
  const [page, setPage] = useState(1);
  const list = useApi<Page<Inspector>>(`/inspectors?page=${page}&pageSize=${PAGE_SIZE}`);
  const [open, setOpen] = useState<number>();
  const admin = role === 'admin';
  return (
    <div className="admin-page">
      <h1>{a('inspectorsTitle')}</h1>
      <p className="lead">{a('inspectorsIntro')}</p>
      {admin ? (
        <AddInspector onAdded={list.reload} />
      ) : (
        <p className="muted">{a('inspectorsAdminOnly')}</p>
      )}
      <Section title={a('inspectorsTitle')} id="inspectors">
        {list.error ? (
          <ErrorNote error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : (
          <>
            {list.data.items.length === 0 ? (
              <p className="muted">{a('noInspectors')}</p>
            ) : (
              <div className="table-scroll">
                <table className="data" data-testid="inspectors">
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{a('inspectorName')}</th>
                      <th scope="col">{a('inspectorRegion')}</th>
                      <th scope="col">{a('activeShort')}</th>
                      <th scope="col">{a('conflicts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((i) => (
                      <InspectorRow
                        key={i.id}
                        inspector={i}
                        admin={admin}
                        open={open === i.id}
                        onToggle={() => setOpen(open === i.id ? undefined : i.id)}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager data={list.data} id="inspectors" onPage={setPage} />
          </>
        )}
      </Section>
    </div>
  );
}

function InspectorRow({
  inspector: i,
  admin,
  open,
  onToggle,
}: {
  inspector: Inspector;
  admin: boolean;
  open: boolean;
  onToggle: () => void;
}) {
  const { a } = useAdminText();
  return (
    <>
      <tr data-inspector={i.id}>
        <td>{fmt.int(i.id)}</td>
        <td>{i.name}</td>
        <td className="mono">{i.regionCode}</td>
        <td>{a(i.active ? 'activeShort' : 'inactive')}</td>
        <td>
          <button
            type="button"
            onClick={onToggle}
            aria-expanded={open}
            aria-controls={`inspector-${i.id}-conflicts`}
            aria-label={`${a('showConflicts')} · ${i.name}`}
          >
            {a('showConflicts')}
          </button>
        </td>
      </tr>
      {open && (
        <tr id={`inspector-${i.id}-conflicts`}>
          <td colSpan={5}>
            <Conflicts inspector={i} admin={admin} />
          </td>
        </tr>
      )}
    </>
  );
}

function Conflicts({ inspector, admin }: { inspector: Inspector; admin: boolean }) {
  const { a, t } = useAdminText();
  const [page, setPage] = useState(1);
  const list = useApi<Page<Conflict>>(
    `/inspectors/${inspector.id}/conflicts?page=${page}&pageSize=${PAGE_SIZE}`,
  );
  return (
    <div className="conflicts" data-testid={`conflicts-${inspector.id}`}>
      <h3>
        {a('conflicts')} · {inspector.name}
      </h3>
      {list.error ? (
        <ErrorNote error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <p className="muted">{a('noConflicts')}</p>
      ) : (
        <>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('uscc')}</th>
                <th scope="col">{a('conflictReason')}</th>
                <th scope="col">{a('declaredAt')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id}>
                  <td className="mono">{c.uscc}</td>
                  <td>{c.reason}</td>
                  <td className="small">{fmt.dateTime(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager data={list.data} id={`conflicts-${inspector.id}`} onPage={setPage} />
        </>
      )}
      {admin && <DeclareConflict inspector={inspector} onDeclared={list.reload} />}
    </div>
  );
}

function AddInspector({ onAdded }: { onAdded: () => void }) {
  const { a } = useAdminText();
  const [name, setName] = useState('');
  const [regionCode, setRegionCode] = useState('');
  const [active, setActive] = useState(true);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<{ added?: Inspector; error?: Error }>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!name.trim()) local.name = [a('required')];
    if (!JURISDICTION.test(regionCode.trim())) local.regionCode = [a('regionInvalid')];
    setErrors(local);
    setResult(undefined);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const added = await api<Inspector>('/inspectors', {
        method: 'POST',
        body: { name: name.trim(), regionCode: regionCode.trim(), active },
      });
      setResult({ added });
      setName('');
      onAdded();
    } catch (error) {
      setErrors(fieldErrors(error));
      setResult({ error: error as Error });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="add-inspector" noValidate>
      <h2 id="add-inspector">{a('addInspector')}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="inspector-name">{a('inspectorName')}</label>
          <input
            id="inspector-name"
            type="text"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!errors.name}
            aria-describedby={errors.name ? 'inspector-name-error' : undefined}
          />
          <FieldNote id="inspector-name-error" messages={errors.name} />
        </div>
        <div className="field">
          <label htmlFor="inspector-region">{a('inspectorRegion')}</label>
          <input
            id="inspector-region"
            type="text"
            inputMode="numeric"
            value={regionCode}
            maxLength={6}
            onChange={(e) => setRegionCode(e.target.value)}
            aria-invalid={!!errors.regionCode}
            aria-describedby={`inspector-region-help${errors.regionCode ? ' inspector-region-error' : ''}`}
          />
          <p className="muted small" id="inspector-region-help">
            {a('inspectorRegionHelp')}
          </p>
          <FieldNote id="inspector-region-error" messages={errors.regionCode} />
        </div>
      </div>
      <label className="check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        {a('active')}
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {a('add')}
        </button>
      </div>
      {result?.added && (
        <p className="note ok" role="status" data-testid="inspector-added">
          {a('inspectorAdded')} #{fmt.int(result.added.id)} {result.added.name}
        </p>
      )}
      {result?.error && <ErrorNote error={result.error} />}
    </form>
  );
}

function DeclareConflict({
  inspector,
  onDeclared,
}: {
  inspector: Inspector;
  onDeclared: () => void;
}) {
  const { a } = useAdminText();
  const [uscc, setUscc] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<{ ok?: boolean; error?: Error }>();
  const [busy, setBusy] = useState(false);
  const idp = `conflict-${inspector.id}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string[]> = {};
    if (!USCC.test(uscc.trim().toUpperCase())) local.uscc = [a('usccInvalid')];
    if (!reason.trim()) local.reason = [a('reasonRequired')];
    setErrors(local);
    setResult(undefined);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await api(`/inspectors/${inspector.id}/conflicts`, {
        method: 'POST',
        body: { uscc: uscc.trim().toUpperCase(), reason: reason.trim() },
      });
      setResult({ ok: true });
      setUscc('');
      setReason('');
      onDeclared();
    } catch (error) {
      setErrors(fieldErrors(error));
      setResult({
        error:
          error instanceof ApiError && error.status === 409
            ? new Error(a('conflictExists'))
            : (error as Error),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} aria-labelledby={`${idp}-title`} noValidate>
      <h4 id={`${idp}-title`}>{a('declareConflict')}</h4>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${idp}-uscc`}>{a('conflictUscc')}</label>
          <input
            id={`${idp}-uscc`}
            type="text"
            value={uscc}
            maxLength={18}
            autoComplete="off"
            onChange={(e) => setUscc(e.target.value)}
            aria-invalid={!!errors.uscc}
            aria-describedby={errors.uscc ? `${idp}-uscc-error` : undefined}
          />
          <FieldNote id={`${idp}-uscc-error`} messages={errors.uscc} />
        </div>
        <div className="field">
          <label htmlFor={`${idp}-reason`}>{a('conflictReason')}</label>
          <input
            id={`${idp}-reason`}
            type="text"
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={!!errors.reason}
            aria-describedby={errors.reason ? `${idp}-reason-error` : undefined}
          />
          <FieldNote id={`${idp}-reason-error`} messages={errors.reason} />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {a('declareConflict')}
        </button>
      </div>
      {result?.ok && (
        <p className="note ok" role="status">
          {a('conflictDeclared')}
        </p>
      )}
      {result?.error && <ErrorNote error={result.error} />}
    </form>
  );
}
