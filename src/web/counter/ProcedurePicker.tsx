import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { scoreMatch } from '../../core/text/fold.ts';

export interface ProcedureChoice {
  /** National procedure code (1.001193), or '' for a template offered without a procedure. */
  code: string;
  name: string;
  templateId: string;
  field: string;
}

/**
 * Search by name without diacritics ("khai sinh lai") or by national code ("1.001193"); the unit's
 * most-used procedures come first when nothing is typed. Enter picks the highlighted one.
 */
export function ProcedurePicker(props: {
  choices: ProcedureChoice[];
  onPick(c: ProcedureChoice): void;
  loading: boolean;
}) {
  const [q, setQ] = useState('');
  const [at, setAt] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const found = useMemo(() => {
    const query = q.trim();
    if (query === '') return props.choices.slice(0, 12);
    return props.choices
      .map((c, i) => ({ c, i, s: c.code.startsWith(query) ? 100 : scoreMatch(`${c.name} ${c.code}`, query) }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .slice(0, 12)
      .map((x) => x.c);
  }, [q, props.choices]);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setAt((a) => Math.min(a + 1, found.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setAt((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const c = found[at];
      if (c) props.onPick(c);
    }
  };
  return (
    <section className="panel pp" aria-label="Chọn thủ tục">
      <h2>Công dân mới — chọn thủ tục</h2>
      <input
        ref={input}
        className="pp-search"
        aria-label="Tìm thủ tục"
        placeholder="Gõ tên thủ tục (không dấu cũng được) hoặc mã, ví dụ: khai sinh, 1.001193 — Enter để chọn"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setAt(0);
        }}
        onKeyDown={onKey}
      />
      <ul className="pp-list" aria-label="Thủ tục">
        {found.map((c, i) => (
          <li key={`${c.code}-${c.templateId}`}>
            <button
              type="button"
              className={i === at ? 'on' : ''}
              aria-current={i === at}
              onClick={() => props.onPick(c)}
            >
              <span className="pp-code">{c.code || '—'}</span> {c.name}
            </button>
          </li>
        ))}
        {found.length === 0 && (
          <li className="muted">{props.loading ? 'Đang tải…' : 'Không có thủ tục phù hợp.'}</li>
        )}
      </ul>
    </section>
  );
}
