import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { accessToken } from '../auth';
import { Pager } from '../components/admin-kit';
import { ErrorNote, Loading, Section } from '../components/common';
import { fmt } from '../format';
import { useAdminText, type AdminKey } from '../i18n-admin';
import { navigate } from '../router';
import type { Page } from '../types';
import { useApi } from '../use-api';

interface ImportView {
  id: number;
  status: 'queued' | 'running' | 'completed' | 'failed';
  lines: number;
  accepted: number;
  rejected: number;
  enterprises: number;
  records: number;
  recordsSkipped: number;
  persons: number;
  inputsChanged: number;
  bytesTotal: number;
  bytesRead: number;
  progress: number;
  error: string | null;
  requestedBy: string;
  createdAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}
interface Rejection {
  line: number;
  reason: string;
}

const POLL_MS = 2000;
const PAGE_SIZE = 20;

/**
 * Sends the file as the request body with upload progress (fetch cannot report
 * it; XMLHttpRequest can), as uploadEvidence does for repair materials.
 */
async function uploadImport(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<{ id: number; status: string }> {
  const token = await accessToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/imports');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', 'application/x-ndjson');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { message?: string | string[]; id?: number; status?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status says it
      }
      if (xhr.status === 202 || xhr.status === 201) {
        resolve(body as { id: number; status: string });
      } else {
        const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
        reject(new ApiError(xhr.status, message ?? xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(file);
  });
}

/** /imports?id= : upload an NDJSON file, then follow that import until it is done. */
export function Imports({ params }: { params: URLSearchParams }) {
  const { a } = useAdminText();
  const id = params.get('id');
  return (
    <div className="admin-page">
      <h1>{a('importsTitle')}</h1>
      <p className="lead">{a('importsIntro')}</p>
      <Upload />
      {id && /^\d+$/.test(id) && <ImportStatus key={id} id={id} />}
    </div>
  );
}

function Upload() {
  const { a } = useAdminText();
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<Error>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setProgress(0);
    try {
      const started = await uploadImport(file, setProgress);
      setProgress(1);
      navigate(`/imports?id=${started.id}`);
    } catch (err) {
      setError(err as Error);
      setProgress(undefined);
    }
  };
  const busy = progress !== undefined && progress < 1 && !error;
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="upload-title" noValidate>
      <h2 id="upload-title">{a('upload')}</h2>
      <div className="field">
        <label htmlFor="import-file">{a('importFile')}</label>
        <input
          id="import-file"
          type="file"
          accept=".ndjson,.jsonl,application/x-ndjson"
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            setProgress(undefined);
            setMissing(false);
          }}
          aria-invalid={missing}
          aria-describedby={`import-file-help${missing ? ' import-file-error' : ''}`}
        />
        <p className="muted small" id="import-file-help">
          {a('importFileHelp')}
        </p>
        {missing && (
          <p className="field-error" id="import-file-error" role="alert">
            {a('chooseFile')}
          </p>
        )}
      </div>
      {progress !== undefined && (
        <div className="field">
          <label htmlFor="upload-progress">{a('uploadProgress')}</label>
          <progress id="upload-progress" max={1} value={progress} data-testid="upload-progress" />
          <span className="small">
            {file?.name} · {Math.round(progress * 100)}%
          </span>
        </div>
      )}
      {error && <ErrorNote error={error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? a('uploading') : a('upload')}
        </button>
      </div>
    </form>
  );
}

function ImportStatus({ id }: { id: string }) {
  const { a } = useAdminText();
  const imp = useApi<ImportView>(`/imports/${id}`);
  const active = imp.data?.status === 'queued' || imp.data?.status === 'running';
  const { reload } = imp;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [active, reload]);
  if (imp.error) return <ErrorNote error={imp.error} onRetry={imp.reload} />;
  if (!imp.data) return <Loading />;
  const d = imp.data;
  const counts: [AdminKey, number][] = [
    ['lines', d.lines],
    ['accepted', d.accepted],
    ['rejected', d.rejected],
    ['enterprises', d.enterprises],
    ['recordsCount', d.records],
    ['recordsSkipped', d.recordsSkipped],
    ['persons', d.persons],
    ['inputsChanged', d.inputsChanged],
  ];
  return (
    <>
      <Section
        title={`${a('importStatus')} #${fmt.int(d.id)}`}
        id="import-status"
        actions={
          active ? (
            <span className="muted small" role="status">
              {a('importPolling')}
            </span>
          ) : undefined
        }
      >
        <p>
          <span
            className={`status run-${d.status}`}
            data-testid="import-status"
            data-status={d.status}
          >
            {a(`importStatus.${d.status}`)}
          </span>{' '}
          <span className="small muted">
            {fmt.dateTime(d.createdAt)} · <span className="mono">{d.requestedBy}</span>
          </span>
        </p>
        <div className="field">
          <label htmlFor="import-progress">{a('importProgress')}</label>
          <progress id="import-progress" max={1} value={d.progress} />
          <span className="small">
            {fmt.int(d.bytesRead)} / {fmt.int(d.bytesTotal)} B
          </span>
        </div>
        {d.error && (
          <p className="note error" role="alert">
            {a('importError')}: {d.error}
          </p>
        )}
        <dl className="counts" data-testid="import-counts">
          {counts.map(([k, v]) => (
            <div key={k} className="fact" data-count={k}>
              <dt>{a(k)}</dt>
              <dd>{fmt.int(v)}</dd>
            </div>
          ))}
        </dl>
      </Section>
      {!active && <Rejections id={id} total={d.rejected} />}
    </>
  );
}

function Rejections({ id, total }: { id: string; total: number }) {
  const { a } = useAdminText();
  const [page, setPage] = useState(1);
  const list = useApi<Page<Rejection>>(
    `/imports/${id}/rejections?page=${page}&pageSize=${PAGE_SIZE}`,
  );
  return (
    <Section title={a('rejections')} id="rejections">
      {list.error ? (
        <ErrorNote error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.total === 0 ? (
        <p className="muted">{a('noRejections')}</p>
      ) : (
        <>
          {total > list.data.total && <p className="muted small">{a('rejectionsKept')}</p>}
          <div className="table-scroll">
            <table className="data" data-testid="rejections">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {a('line')}
                  </th>
                  <th scope="col">{a('rejectReason')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.line}>
                    <td className="num">{fmt.int(r.line)}</td>
                    <td className="wrap">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager data={list.data} id="rejections" onPage={setPage} />
        </>
      )}
    </Section>
  );
}
