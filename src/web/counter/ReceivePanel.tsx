import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { DOCUMENT_KIND_LABELS, type DocumentKind, type ProcedureView } from '../../core/api/procedures.ts';
import { formatDateVi } from '../../core/text/vi-date.ts';

export interface ReceivedDocument {
  name: string;
  kind: DocumentKind;
  count: number;
}

export interface ReceiveAnswer {
  code: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  logbook: { year: number; number: number };
}

interface Row extends ReceivedDocument {
  optional: boolean;
  ticked: boolean;
}

/**
 * "Tiếp nhận hồ sơ": the documents the procedure asks for, ticked as the officer takes them (Space on a
 * row, the count beside it), then one key receives. Enter anywhere in the list receives.
 */
export function ReceivePanel(props: {
  procedure: ProcedureView | undefined;
  printed: boolean;
  busy: boolean;
  onReceive(documents: ReceivedDocument[]): void;
  onCancel(): void;
}) {
  const { procedure } = props;
  const [rows, setRows] = useState<Row[]>(() =>
    (procedure?.documents ?? []).map((d) => ({
      name: d.name,
      kind: d.kind,
      count: d.count,
      optional: d.optional,
      ticked: false,
    })),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);

  const submit = () => {
    const missing = rows.filter((r) => !r.optional && !r.ticked);
    if (missing.length > 0) {
      setProblem(`Chưa nhận đủ giấy tờ bắt buộc: ${missing.map((r) => r.name).join('; ')}`);
      return;
    }
    setProblem(null);
    props.onReceive(rows.filter((r) => r.ticked).map(({ name, kind, count }) => ({ name, kind, count })));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onCancel();
    } else if (
      e.key === 'Enter' &&
      !e.altKey &&
      !e.ctrlKey &&
      (e.target as HTMLElement).tagName !== 'BUTTON'
    ) {
      e.preventDefault();
      submit();
    }
  };

  if (!procedure) {
    return (
      <section className="panel rp" aria-label="Tiếp nhận hồ sơ">
        <h2>Tiếp nhận hồ sơ</h2>
        <p className="alert error" role="alert">
          Mẫu đơn này chưa gắn với thủ tục nào trong danh mục của đơn vị, nên chưa tiếp nhận được. Báo quản
          trị viên thêm thủ tục.
        </p>
        <button type="button" onClick={props.onCancel}>
          Quay lại tờ khai <kbd>Esc</kbd>
        </button>
      </section>
    );
  }
  return (
    <section className="panel rp" aria-label="Tiếp nhận hồ sơ" onKeyDown={onKeyDown}>
      <h2>Tiếp nhận hồ sơ — {procedure.name}</h2>
      {!props.printed && (
        <p className="muted">Tờ khai chưa in. Thường in (F9) để công dân ký trước khi tiếp nhận.</p>
      )}
      <p className="muted">
        Đánh dấu giấy tờ đã nhận (Space), sửa số lượng nếu cần, rồi Enter để tiếp nhận. Thời hạn giải quyết:{' '}
        {procedure.sameDay ? 'trong ngày' : `${procedure.processingDays} ngày làm việc`}.
      </p>
      <table className="data rp-docs">
        <thead>
          <tr>
            <th>Đã nhận</th>
            <th>Giấy tờ</th>
            <th>Loại</th>
            <th>Số lượng</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.name} className={r.ticked ? 'on' : ''}>
              <td>
                <input
                  ref={i === 0 ? first : undefined}
                  type="checkbox"
                  aria-label={`Đã nhận: ${r.name}`}
                  checked={r.ticked}
                  onChange={(e) =>
                    setRows((rs) => rs.map((x, j) => (j === i ? { ...x, ticked: e.target.checked } : x)))
                  }
                />
              </td>
              <td>
                {r.name}
                {r.optional && <span className="muted"> (nếu có)</span>}
              </td>
              <td>{DOCUMENT_KIND_LABELS[r.kind]}</td>
              <td>
                <input
                  type="number"
                  className="rp-count"
                  min={1}
                  max={100}
                  tabIndex={-1}
                  aria-label={`Số lượng: ${r.name}`}
                  value={r.count}
                  onChange={(e) =>
                    setRows((rs) =>
                      rs.map((x, j) =>
                        j === i
                          ? { ...x, count: Math.max(1, Math.min(100, Number(e.target.value) || 1)) }
                          : x,
                      ),
                    )
                  }
                />
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                Thủ tục không yêu cầu giấy tờ kèm theo.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {problem && (
        <p className="alert error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" disabled={props.busy} onClick={submit}>
          {props.busy ? 'Đang tiếp nhận…' : 'Tiếp nhận'} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={props.onCancel}>
          Quay lại tờ khai <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}

/** What the officer tells the citizen after receipt: code, appointment, logbook number. */
export function ReceiptDone(props: { answer: ReceiveAnswer; label: string; onReprint(): void }) {
  const { answer } = props;
  const due = new Date(answer.dueAt);
  const hhmm = due.toLocaleTimeString('vi-VN', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  const day = due.toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  return (
    <section className="panel rp-done" aria-label="Đã tiếp nhận hồ sơ" role="status">
      <h2>Đã tiếp nhận hồ sơ</h2>
      <p>{props.label}</p>
      <dl className="rp-facts">
        <dt>Mã hồ sơ</dt>
        <dd className="rp-code" data-testid="dossier-code">
          {answer.code}
        </dd>
        <dt>Hẹn trả kết quả</dt>
        <dd data-testid="dossier-due">
          {hhmm} ngày {formatDateVi(day)}
        </dd>
        <dt>Sổ theo dõi</dt>
        <dd>
          Quyển số {answer.logbook.year}, số thứ tự {answer.logbook.number}
        </dd>
      </dl>
      <p className="muted">Giấy tiếp nhận và hẹn trả kết quả (2 liên) đã mở hộp thoại in.</p>
      <button type="button" onClick={props.onReprint}>
        In lại giấy tiếp nhận
      </button>
    </section>
  );
}
