import {
  type KeyboardEvent as ReactKeyboardEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { AddressValue } from '../../core/api/addresses.ts';
import type { CccdParsed } from '../../core/api/cccd.ts';
import type { DisplayView, LiveSessionView } from '../../core/api/live.ts';
import type { ProcedureView } from '../../core/api/procedures.ts';
import type { CounterView, UnitView } from '../../core/api/units.ts';
import { buildDocument } from '../../core/document/build-document.ts';
import { DocumentView } from '../../core/document/DocumentView.tsx';
import { documentCss } from '../../core/document/document-css.ts';
import type { FormTemplate } from '../../core/forms/FormTemplate.ts';
import { templateFields } from '../../core/forms/FormTemplate.ts';
import { validateValues } from '../../core/forms/validate-values.ts';
import { getAt, setAt } from '../../core/forms/value-path.ts';
import { toEntryBlock } from '../../core/live/entry-values.ts';
import { CccdScanResult, cardAddress } from '../scan/CccdScanResult.tsx';
import { parseCccd } from '../scan/parse-cccd.ts';
import { QrCamera } from '../scan/QrCamera.tsx';
import { useKeyboardScanner } from '../scan/useKeyboardScanner.ts';
import { ApiError, api } from '../ui/api.ts';
import { useSession } from '../ui/session.tsx';
import { CitizenOffer, type CitizenOfferState, type PrefillCandidate } from './CitizenOffer.tsx';
import { cardToBlock } from './card-to-block.ts';
import { EntryForm } from './EntryForm.tsx';
import { formSections } from './form-order.ts';
import { type LinkStatus, LiveClient } from './live-client.ts';
import { type ProcedureChoice, ProcedurePicker } from './ProcedurePicker.tsx';
import { PERSON_BLOCK_EVENT, type PersonBlockRequest } from './person-block.ts';
import { ReceiptDone, type ReceiveAnswer, type ReceivedDocument, ReceivePanel } from './ReceivePanel.tsx';
import './counter.css';

const COUNTER_KEY = 'kv.counterId';

interface Draft {
  view: LiveSessionView;
  template: FormTemplate;
  values: Record<string, unknown>;
}

/** The tab's name: the first person's name typed, in the form's order, else the procedure. */
function tabName(d: Draft): string {
  for (const f of templateFields(d.template)) {
    if (f.type !== 'personName') continue;
    const v = getAt(d.values, f.key);
    if (typeof v === 'string' && v.trim()) return v;
  }
  return d.view.label ?? d.template.title;
}

const templateCache = new Map<string, Promise<FormTemplate>>();
function loadTemplate(id: string, version: number): Promise<FormTemplate> {
  const key = `${id}@${version}`;
  let p = templateCache.get(key);
  if (!p) {
    p = api<FormTemplate>('GET', `/api/live/templates/${id}?version=${version}`);
    templateCache.set(key, p);
    p.catch(() => templateCache.delete(key));
  }
  return p;
}

function CounterChooser(props: { onChosen(id: number): void }) {
  const { user } = useSession();
  const [units, setUnits] = useState<UnitView[]>([]);
  const [counters, setCounters] = useState<CounterView[]>([]);
  useEffect(() => {
    api<UnitView[]>('GET', '/api/units').then(async (all) => {
      const mine = all.filter((u) => user.unitIds.includes(u.id));
      setUnits(mine);
      const lists = await Promise.all(
        mine.map((u) => api<CounterView[]>('GET', `/api/units/${u.id}/counters`)),
      );
      setCounters(lists.flat().filter((c) => c.active));
    });
  }, [user.unitIds]);
  return (
    <section className="panel">
      <h2>Chọn quầy làm việc</h2>
      <p className="muted">Máy này sẽ ghi nhớ quầy đã chọn.</p>
      <div className="row">
        {counters.map((c) => (
          <button key={c.id} type="button" className="shrink" onClick={() => props.onChosen(c.id)}>
            {c.name}
            {units.length > 1 ? ` — ${units.find((u) => u.id === c.unitId)?.name ?? ''}` : ''}
          </button>
        ))}
        {counters.length === 0 && <span className="muted">Chưa có quầy nào.</span>}
      </div>
    </section>
  );
}

async function printPdf(sessionId: string, copies: number, draft: boolean): Promise<void> {
  // The PDF comes back as bytes, so the CSRF token is fetched for this one raw request.
  const me = await api<{ csrfToken: string }>('GET', '/api/auth/me');
  const res = await fetch(`/api/live/sessions/${sessionId}/print`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
    body: JSON.stringify({ copies, draft }),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as {
      message?: string;
      field?: string;
      errors?: { path: string; message: string }[];
    };
    throw new ApiError(res.status, body.message ?? `Lỗi ${res.status}`, body.field, body.errors);
  }
  printBlob(await res.blob());
}

/** Fetches a PDF the server renders (GET, same session) and opens the print dialog on it. */
async function printUrl(path: string): Promise<void> {
  const res = await fetch(path, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new ApiError(res.status, body.message ?? `Lỗi ${res.status}`);
  }
  printBlob(await res.blob());
}

function printBlob(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  // A hidden frame opens the browser's print dialog on the PDF itself: A4, exactly as rendered.
  const frame = document.createElement('iframe');
  frame.className = 'cp-print-frame';
  frame.title = 'In';
  frame.src = url;
  frame.onload = () => {
    const back = document.activeElement as HTMLElement | null;
    try {
      frame.contentWindow?.focus();
      frame.contentWindow?.print();
    } catch {
      window.open(url, '_blank');
    }
    // Keyboard focus returns to the form, or the next shortcut would go to the PDF frame.
    window.focus();
    back?.focus();
    setTimeout(() => {
      frame.remove();
      URL.revokeObjectURL(url);
    }, 60_000);
  };
  document.body.appendChild(frame);
}

const SHORTCUTS: [string, string][] = [
  ['Alt+N', 'Công dân mới'],
  ['Alt+1…9', 'Chuyển công dân'],
  ['Enter', 'Ô tiếp theo'],
  ['F7', 'Cho công dân xem lại'],
  ['F8', 'Công dân đã xác nhận'],
  ['F9', 'In'],
  ['Alt+T', 'Tiếp nhận hồ sơ'],
  ['Alt+M', 'Mở tờ khai khai trước'],
  ['Alt+K', 'Kết thúc phiên'],
];

/** A digit picks a person on the scan panel only if no other key follows this soon (a scanner's burst does). */
const DIGIT_PICK_MS = 80;

/** A personal ID number is complete: 12 digits. */
const FULL_ID = /^\d{12}$/;

export function CounterPage() {
  const [counterId, setCounterId] = useState<number | null>(
    () => Number(localStorage.getItem(COUNTER_KEY)) || null,
  );
  if (!counterId) {
    return (
      <CounterChooser
        onChosen={(id) => {
          localStorage.setItem(COUNTER_KEY, String(id));
          setCounterId(id);
        }}
      />
    );
  }
  return <CounterDesk counterId={counterId} onChangeCounter={() => setCounterId(null)} />;
}

function CounterDesk(props: { counterId: number; onChangeCounter(): void }) {
  const { counterId } = props;
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [link, setLink] = useState<{ status: LinkStatus; unacked: number }>({
    status: 'connecting',
    unacked: 0,
  });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [choices, setChoices] = useState<ProcedureChoice[]>([]);
  const [loadingChoices, setLoadingChoices] = useState(true);
  const [copies, setCopies] = useState(1);
  const [displays, setDisplays] = useState<DisplayView[]>([]);
  const [code, setCode] = useState('');
  const [counterName, setCounterName] = useState('');
  const [ready, setReady] = useState(false);
  const [procedures, setProcedures] = useState<ProcedureView[]>([]);
  const [receiving, setReceiving] = useState(false);
  const [receiveBusy, setReceiveBusy] = useState(false);
  const [received, setReceived] = useState<{ answer: ReceiveAnswer; label: string } | null>(null);
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(() => new Map());
  const [scan, setScan] = useState<{ card: CccdParsed; filled: string[] } | null>(null);
  const [notes, setNotes] = useState<Map<string, string>>(() => new Map());
  const [offer, setOffer] = useState<CitizenOfferState | null>(null);
  const [prefillCode, setPrefillCode] = useState('');
  const [prefillBusy, setPrefillBusy] = useState(false);
  const askedIds = useRef(new Set<string>());
  const prefillRef = useRef<HTMLInputElement>(null);
  const scanRef = useRef<HTMLDivElement>(null);
  const clientRef = useRef<LiveClient | null>(null);
  const previewRef = useRef<HTMLElement>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const active = drafts.find((d) => d.view.id === activeId) ?? null;

  // Load the open sessions, lay over them what the last page left unacknowledged, then connect.
  useEffect(() => {
    let alive = true;
    const client = new LiveClient({
      status: (status, unacked) => alive && setLink({ status, unacked }),
      refused: (_id, text) => alive && setMessage({ kind: 'error', text }),
    });
    clientRef.current = client;
    (async () => {
      try {
        const [sessions, pending, counter] = await Promise.all([
          api<LiveSessionView[]>('GET', `/api/live/sessions?counterId=${counterId}`),
          client.restore(),
          api<CounterView>('GET', `/api/counters/${counterId}`),
        ]);
        if (!alive) return;
        setCounterName(counter.name);
        const loaded: Draft[] = [];
        for (const v of sessions) {
          const template = await loadTemplate(v.templateId, v.templateVersion);
          const values = structuredClone(v.values);
          for (const p of pending) {
            if (p.sessionId === v.id && p.seq > v.seq && p.path !== undefined) {
              setAt(values, p.path, p.value === null ? undefined : p.value);
            }
          }
          client.knowSession(v.id, v.seq);
          loaded.push({ view: v, template, values });
        }
        // Unacked patches of sessions that are no longer open cannot be applied anywhere.
        for (const p of pending)
          if (!sessions.some((s) => s.id === p.sessionId)) client.forgetSession(p.sessionId);
        if (!alive) return;
        setDrafts(loaded);
        const shown = loaded.find((d) => d.view.shown) ?? loaded[loaded.length - 1];
        setActiveId(shown?.view.id ?? null);
        setPicking(loaded.length === 0);
        setReady(true);
        client.start();
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          localStorage.removeItem(COUNTER_KEY);
          props.onChangeCounter();
          return;
        }
        setMessage({ kind: 'error', text: e instanceof Error ? e.message : 'Không tải được phiên làm việc' });
      }
    })();
    return () => {
      alive = false;
      client.stop();
    };
  }, [counterId, props.onChangeCounter]);

  // Procedures of the unit (most used first), or the templates themselves when no catalogue is set up.
  useEffect(() => {
    (async () => {
      const counter = await api<CounterView>('GET', `/api/counters/${counterId}`);
      const templates = await api<{ id: string; title: string; field: string; procedureCodes: string[] }[]>(
        'GET',
        '/api/live/templates',
      ).catch(() => []);
      const procs = await api<ProcedureView[]>('GET', `/api/procedures?unitId=${counter.unitId}`).catch(
        () => [],
      );
      setProcedures(procs);
      const known = new Set(templates.map((t) => t.id));
      const list: ProcedureChoice[] = procs
        .filter((p) => p.active !== false && known.has(p.templateId))
        .map((p) => ({ code: p.code, name: p.name, templateId: p.templateId, field: p.field }));
      for (const t of templates) {
        if (!list.some((c) => c.templateId === t.id)) {
          list.push({ code: t.procedureCodes[0] ?? '', name: t.title, templateId: t.id, field: t.field });
        }
      }
      setChoices(list);
      setLoadingChoices(false);
    })().catch(() => setLoadingChoices(false));
  }, [counterId]);

  const refreshDisplays = useCallback(() => {
    api<{ displays: DisplayView[] }>('GET', `/api/live/counters/${counterId}/state`)
      .then((s) => setDisplays(s.displays))
      .catch(() => undefined);
  }, [counterId]);

  const revoke = useCallback(
    async (id: number) => {
      if (!window.confirm('Thu hồi màn hình này? Màn hình sẽ phải ghép lại bằng mã mới.')) return;
      await api('POST', `/api/live/displays/${id}/revoke`).catch(() => undefined);
      refreshDisplays();
    },
    [refreshDisplays],
  );
  useEffect(refreshDisplays, [refreshDisplays]);

  const validation = useMemo(
    () => (active ? validateValues(active.template, active.values, { draft: true }) : null),
    [active],
  );
  const errors = useMemo(
    () => new Map((validation?.errors ?? []).map((e) => [e.path, e.message])),
    [validation],
  );
  const doc = useMemo(
    () => (active && validation ? buildDocument(active.template, validation.values) : null),
    [active, validation],
  );
  const template = active?.template;
  const sections = useMemo(() => (template ? formSections(template) : []), [template]);

  // The preview follows the field being typed, like the citizen's display.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus and the document are the triggers.
  useEffect(() => {
    const el = previewRef.current?.querySelector('.kv-focus');
    el?.scrollIntoView({ block: 'center' });
  }, [focusKey, doc]);

  const updateDraft = useCallback((id: string, f: (d: Draft) => Draft) => {
    setDrafts((ds) => ds.map((d) => (d.view.id === id ? f(d) : d)));
  }, []);

  /**
   * Returning citizens: once a person block holds a full ID number, values from that citizen's earlier
   * dossiers are offered (each lookup is logged on the server as an access to personal data, so it is
   * made once per number and block).
   */
  const lookupCitizen = useCallback(
    async (prefix: string, idNumber: string) => {
      if (!active || !FULL_ID.test(idNumber)) return;
      const key = `${active.view.id}:${prefix}:${idNumber}`;
      if (askedIds.current.has(key)) return;
      askedIds.current.add(key);
      const section = sections.find((s) => s.prefix === prefix);
      if (!section?.person) return;
      const found = await api<{ candidates: PrefillCandidate[] }>(
        'GET',
        `/api/citizens/${idNumber}/prefill`,
      ).catch(() => null);
      const candidate = found?.candidates[0];
      if (!candidate) return;
      setOffer({
        prefix,
        title: section.title,
        idNumber,
        candidate,
        fields: section.fields.map((f) => ({ sub: f.key.slice(prefix.length + 1), label: f.label })),
      });
    },
    [active, sections],
  );

  const setValue = useCallback(
    (path: string, value: unknown) => {
      if (!active) return;
      const values = structuredClone(active.values);
      setAt(values, path, value === null || value === '' ? undefined : value);
      updateDraft(active.view.id, (d) => ({ ...d, values }));
      clientRef.current?.send(active.view.id, { path, value: value === '' ? null : value, focus: focusKey });
      if (serverErrors.size > 0) {
        const rest = new Map([...serverErrors].filter(([p]) => !p.startsWith(path) && !path.startsWith(p)));
        if (rest.size !== serverErrors.size) setServerErrors(rest);
      }
      const id = /^([A-Za-z]\w*)\.(?:identity\.number|idNumber)$/.exec(path);
      if (id && typeof value === 'string') void lookupCitizen(id[1]!, value.replace(/\s/g, ''));
    },
    [active, focusKey, updateDraft, serverErrors, lookupCitizen],
  );

  const onFocusField = useCallback(
    (key: string | null) => {
      if (!active || key === focusKey) return;
      setFocusKey(key);
      clientRef.current?.send(active.view.id, { focus: key });
    },
    [active, focusKey],
  );

  /**
   * Fills a person block (`mother`, `requester`…) with values keyed by the block's sub-keys
   * (`{ fullName, birthDate, identity: {…}, residence }`). Used by "copy from" and by an ID-card scan
   * (src/web/scan: useKeyboardScanner → CccdScanResult → applyPersonBlock(prefix, values)).
   */
  const applyPersonBlock = useCallback(
    (prefix: string, block: Record<string, unknown>) => {
      if (!active) return;
      const keys = new Set(templateFields(active.template).map((f) => f.key));
      const changes: [string, unknown][] = [];
      for (const [k, v] of Object.entries(block)) {
        const path = `${prefix}.${k}`;
        if (keys.has(path) && v !== undefined) changes.push([path, v]);
      }
      // Laid over the draft as it is now, not as this callback last saw it: a scan right after typing
      // must not undo the last letters.
      updateDraft(active.view.id, (d) => {
        const values = structuredClone(d.values);
        for (const [path, v] of changes) setAt(values, path, structuredClone(v));
        return { ...d, values };
      });
      for (const [path, v] of changes)
        clientRef.current?.send(active.view.id, { path, value: v, focus: prefix });
    },
    [active, updateDraft],
  );

  // A scan (or anything else) asks to fill a person: the block being typed, else the first one.
  useEffect(() => {
    const onRequest = (e: Event) => {
      const req = (e as CustomEvent<PersonBlockRequest>).detail;
      if (!req || typeof req.values !== 'object') return;
      // The box that has the cursor now (state may not have caught up with a click just made).
      const here =
        document.activeElement?.closest<HTMLElement>('[data-key]')?.dataset.key ?? focusKey ?? undefined;
      const focused = here ? sections.find((s) => s.person && here.startsWith(`${s.prefix}.`)) : undefined;
      const prefix = req.prefix ?? focused?.prefix ?? sections.find((s) => s.person)?.prefix;
      if (prefix) applyPersonBlock(prefix, req.values);
    };
    window.addEventListener(PERSON_BLOCK_EVENT, onRequest);
    return () => window.removeEventListener(PERSON_BLOCK_EVENT, onRequest);
  }, [applyPersonBlock, focusKey, sections]);

  const copyPerson = useCallback(
    (from: string, to: string) => {
      if (!active) return;
      const block: Record<string, unknown> = {};
      for (const f of templateFields(active.template)) {
        if (!f.key.startsWith(`${from}.`)) continue;
        const sub = f.key.slice(from.length + 1);
        const v = getAt(active.values, f.key);
        if (v !== undefined && v !== '') block[sub] = v;
      }
      applyPersonBlock(to, block);
      setMessage({ kind: 'ok', text: 'Đã sao chép thông tin' });
    },
    [active, applyPersonBlock],
  );

  const fillFromCard = useCallback(
    (prefix: string, card: CccdParsed, address: AddressValue) => {
      applyPersonBlock(prefix, cardToBlock(card, address));
      const conv = card.addressConversion;
      if (conv && card.address && conv.original !== address.text) {
        setNotes((n) => new Map(n).set(`${prefix}.residence`, `Trên thẻ (địa giới cũ): ${card.address}`));
      }
      setScan((s) => (s && s.card === card ? { ...s, filled: [...s.filled, prefix] } : s));
      setMessage({ kind: 'ok', text: `Đã điền thông tin thẻ của ${card.fullName}` });
      void lookupCitizen(prefix, card.idNumber);
    },
    [applyPersonBlock, lookupCitizen],
  );

  // A USB scanner anywhere on the page: the card goes to the panel, never into the focused field.
  const onScan = useCallback(
    async (text: string) => {
      if (!text.includes('|')) {
        setMessage({ kind: 'error', text: 'Mã vừa quét không phải mã QR trên thẻ căn cước' });
        return;
      }
      if (!active) {
        setMessage({ kind: 'error', text: 'Chọn thủ tục (mở tờ khai) trước khi quét thẻ' });
        return;
      }
      const r = await parseCccd(text);
      if (r.ok) {
        setScan({ card: r.card, filled: [] });
        setMessage(null);
      } else setMessage({ kind: 'error', text: r.message });
    },
    [active],
  );
  useKeyboardScanner((text) => void onScan(text), { enabled: ready });

  const personTargets = useMemo(
    () => sections.filter((s) => s.person).map((s, i) => ({ id: s.prefix, label: `${i + 1}. ${s.title}` })),
    [sections],
  );

  // The scan panel takes the keys: a digit fills that person, Esc closes; the next empty person is ready.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new card moves the focus.
  useEffect(() => {
    if (!scan || !active) return;
    const empty = personTargets.findIndex(
      (t) => !getAt(active.values, `${t.id}.fullName`) && !scan.filled.includes(t.id),
    );
    const buttons = scanRef.current?.querySelectorAll<HTMLButtonElement>('.cccd-targets button.primary');
    buttons?.[Math.max(0, empty)]?.focus();
  }, [scan?.card]);

  // Digits in a fast run are the next card's number, not a pick: a digit counts only if no key follows.
  const lastKeyAt = useRef(0);
  useEffect(() => {
    const note = () => {
      lastKeyAt.current = performance.now();
    };
    window.addEventListener('keydown', note, true);
    return () => window.removeEventListener('keydown', note, true);
  }, []);
  const onScanKey = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (!scan) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      setScan(null);
      return;
    }
    if (e.altKey || e.ctrlKey || !/^[1-9]$/.test(e.key)) return;
    const target = personTargets[Number(e.key) - 1];
    const conv = scan.card.addressConversion;
    if (!target || (conv?.ambiguous && !conv.commune)) return;
    e.preventDefault();
    const card = scan.card;
    const at = performance.now();
    setTimeout(() => {
      if (lastKeyAt.current <= at) fillFromCard(target.id, card, cardAddress(card));
    }, DIGIT_PICK_MS);
  };

  const suggestCache = useRef(new Map<string, Promise<string[]>>());
  const activeSessionId = active?.view.id;
  const suggest = useCallback(
    (path: string): Promise<string[]> => {
      if (!activeSessionId) return Promise.resolve([]);
      const key = `${activeSessionId}:${path}`;
      let p = suggestCache.current.get(key);
      if (!p) {
        p = api<string[]>(
          'GET',
          `/api/live/sessions/${activeSessionId}/suggestions?path=${encodeURIComponent(path)}`,
        ).catch(() => []);
        suggestCache.current.set(key, p);
      }
      return p;
    },
    [activeSessionId],
  );

  const takeOffer = useCallback(
    (block: Record<string, unknown>) => {
      if (!active || !offer) return;
      applyPersonBlock(offer.prefix, toEntryBlock(active.template, offer.prefix, block));
    },
    [active, offer, applyPersonBlock],
  );

  const startSession = useCallback(
    async (c: ProcedureChoice) => {
      try {
        const view = await api<LiveSessionView>('POST', '/api/live/sessions', {
          counterId,
          templateId: c.templateId,
          procedureCode: c.code || null,
          label: c.name,
        });
        const template = await loadTemplate(view.templateId, view.templateVersion);
        clientRef.current?.knowSession(view.id, view.seq);
        setDrafts((ds) => [
          ...ds.map((d) => ({ ...d, view: { ...d.view, shown: false } })),
          { view, template, values: {} },
        ]);
        setActiveId(view.id);
        setPicking(false);
        setFocusKey(null);
        setMessage(null);
        setReceived(null);
        setScan(null);
        setOffer(null);
        setNotes(new Map());
        setServerErrors(new Map());
        // The first box takes the cursor, unless the officer has already clicked into another one.
        setTimeout(() => {
          const form = formRef.current;
          if (form && !form.contains(document.activeElement))
            form.querySelector<HTMLElement>('input, select, textarea, [tabindex="0"]')?.focus();
        }, 50);
      } catch (e) {
        setMessage({ kind: 'error', text: e instanceof Error ? e.message : 'Không mở được phiên' });
      }
    },
    [counterId],
  );

  /** "Mở tờ khai khai trước": the citizen's code from the portal opens a session with their values. */
  const openPrefill = useCallback(
    async (raw: string) => {
      const code = raw.trim().toUpperCase();
      if (code.length < 6) return;
      setPrefillBusy(true);
      try {
        const view = await api<LiveSessionView>('POST', '/api/live/sessions/from-prefill', {
          counterId,
          code,
        });
        const template = await loadTemplate(view.templateId, view.templateVersion);
        clientRef.current?.knowSession(view.id, view.seq);
        setDrafts((ds) => [
          ...ds
            .filter((d) => d.view.id !== view.id)
            .map((d) => ({ ...d, view: { ...d.view, shown: false } })),
          { view, template, values: structuredClone(view.values) },
        ]);
        setActiveId(view.id);
        setPicking(false);
        setFocusKey(null);
        setPrefillCode('');
        setReceived(null);
        setScan(null);
        setOffer(null);
        setNotes(new Map());
        setServerErrors(new Map());
        setMessage({
          kind: 'ok',
          text: `Đã mở tờ khai ${code}: công dân kiểm tra trên màn hình, sửa nếu cần rồi in (F9)`,
        });
      } catch (e) {
        setMessage({ kind: 'error', text: e instanceof Error ? e.message : 'Không mở được tờ khai' });
      } finally {
        setPrefillBusy(false);
      }
    },
    [counterId],
  );

  const switchTo = useCallback(async (id: string) => {
    setActiveId(id);
    setPicking(false);
    setReceiving(false);
    setScan(null);
    setOffer(null);
    setFocusKey(null);
    await api('POST', `/api/live/sessions/${id}/show`).catch(() => undefined);
    setDrafts((ds) => ds.map((d) => ({ ...d, view: { ...d.view, shown: d.view.id === id } })));
  }, []);

  const toggleReview = useCallback(async () => {
    if (!active) return;
    const on = !active.view.review;
    const view = await api<LiveSessionView>('POST', `/api/live/sessions/${active.view.id}/review`, { on });
    updateDraft(active.view.id, (d) => ({ ...d, view: { ...d.view, review: view.review, shown: true } }));
    setMessage({
      kind: 'ok',
      text: on ? 'Công dân đang xem lại toàn bộ tờ khai trên màn hình' : 'Đã tắt chế độ xem lại',
    });
  }, [active, updateDraft]);

  const confirm = useCallback(async () => {
    if (!active) return;
    const view = await api<LiveSessionView>('POST', `/api/live/sessions/${active.view.id}/confirm`);
    updateDraft(active.view.id, (d) => ({ ...d, view: { ...d.view, confirmedAt: view.confirmedAt } }));
    setMessage({ kind: 'ok', text: 'Đã ghi nhận: công dân xác nhận thông tin đúng' });
  }, [active, updateDraft]);

  const print = useCallback(
    async (draft = false) => {
      if (!active) return;
      try {
        // The server prints its copy of the draft: every keystroke must be saved there first.
        if (!(await clientRef.current?.saved(active.view.id))) {
          setMessage({
            kind: 'error',
            text: 'Chưa lưu xong các thay đổi lên máy chủ — kiểm tra kết nối mạng rồi in lại',
          });
          return;
        }
        await printPdf(active.view.id, copies, draft);
        updateDraft(active.view.id, (d) => ({
          ...d,
          view: { ...d.view, printCount: d.view.printCount + 1 },
        }));
        setMessage({ kind: 'ok', text: `Đã gửi ${copies} bản tới hộp thoại in` });
        // Printed and signed: the next step is receiving the dossier.
        if (!draft) setReceiving(true);
      } catch (e) {
        const first = e instanceof ApiError ? e.errors?.[0] : undefined;
        setMessage({ kind: 'error', text: e instanceof Error ? e.message : 'Không in được' });
        if (first)
          formRef.current
            ?.querySelector<HTMLElement>(
              `[data-key="${first.path.split(/[.[]/)[0]}"] input, [data-key="${first.path}"] input, [data-key="${first.path}"] [tabindex="0"]`,
            )
            ?.focus();
      }
    },
    [active, copies, updateDraft],
  );

  /**
   * Receives the dossier from the session's draft. The session id is the draftId, so a retry (a lost
   * answer, a double key press) returns the same dossier. Then the receipt slip is printed and the session
   * ends: the display clears and asks the citizen to rate the receipt.
   */
  const receive = useCallback(
    async (documents: ReceivedDocument[]) => {
      if (!active?.view.procedureCode || receiveBusy) return;
      const session = active;
      setReceiveBusy(true);
      try {
        const answer = await api<ReceiveAnswer>('POST', '/api/dossiers', {
          procedureCode: session.view.procedureCode,
          values: session.values,
          documents,
          draftId: session.view.id,
          counterId,
          unitId: session.view.unitId,
          ...(session.view.prefillCode ? { prefillCode: session.view.prefillCode } : {}),
        });
        setReceived({ answer, label: session.view.label ?? session.template.title });
        setReceiving(false);
        setServerErrors(new Map());
        setMessage({ kind: 'ok', text: `Đã tiếp nhận hồ sơ ${answer.code}` });
        printUrl(`/api/dossiers/${encodeURIComponent(answer.code)}/receipt.pdf`).catch((e) =>
          setMessage({
            kind: 'error',
            text: `Đã tiếp nhận ${answer.code} nhưng chưa in được giấy tiếp nhận: ${e instanceof Error ? e.message : ''}`,
          }),
        );
        await api('POST', `/api/live/sessions/${session.view.id}/close`, { dossierCode: answer.code });
        clientRef.current?.forgetSession(session.view.id);
        setDrafts((ds) => ds.filter((d) => d.view.id !== session.view.id));
        setActiveId(null);
        setFocusKey(null);
        setScan(null);
        setOffer(null);
        setPicking(true);
      } catch (e) {
        const errs = e instanceof ApiError ? (e.errors ?? []) : [];
        setMessage({ kind: 'error', text: e instanceof Error ? e.message : 'Không tiếp nhận được' });
        if (errs.length > 0) {
          // Back to the form, each message at its field.
          setServerErrors(new Map(errs.map((x) => [x.path, x.message])));
          setReceiving(false);
          const first = errs[0]!.path;
          setTimeout(
            () =>
              formRef.current
                ?.querySelector<HTMLElement>(
                  `[data-key="${first}"] input, [data-key="${first}"] [tabindex="0"], [data-key="${first.split(/[.[]/)[0]}"] input`,
                )
                ?.focus(),
            50,
          );
        }
      } finally {
        setReceiveBusy(false);
      }
    },
    [active, counterId, receiveBusy],
  );

  const closeActive = useCallback(async () => {
    if (!active) return;
    if (!window.confirm('Kết thúc phiên của công dân này? Màn hình công dân sẽ xóa ngay.')) return;
    await api('POST', `/api/live/sessions/${active.view.id}/close`);
    clientRef.current?.forgetSession(active.view.id);
    const rest = drafts.filter((d) => d.view.id !== active.view.id);
    setDrafts(rest);
    setActiveId(null);
    setFocusKey(null);
    setPicking(true);
  }, [active, drafts]);

  const pair = useCallback(async () => {
    try {
      await api('POST', '/api/live/pair', { counterId, code });
      setCode('');
      setMessage({ kind: 'ok', text: 'Đã ghép màn hình công dân với quầy' });
      refreshDisplays();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : 'Không ghép được' });
    }
  }, [code, counterId, refreshDisplays]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && (e.key === 'n' || e.key === 'N')) {
        e.preventDefault();
        setPicking(true);
      } else if (e.altKey && /^[1-9]$/.test(e.key)) {
        const d = drafts[Number(e.key) - 1];
        if (d) {
          e.preventDefault();
          void switchTo(d.view.id);
        }
      } else if (e.altKey && (e.key === 't' || e.key === 'T')) {
        e.preventDefault();
        if (active) setReceiving(true);
      } else if (e.altKey && (e.key === 'm' || e.key === 'M')) {
        e.preventDefault();
        setPicking(true);
        setTimeout(() => prefillRef.current?.focus(), 30);
      } else if (e.altKey && (e.key === 'k' || e.key === 'K')) {
        e.preventDefault();
        void closeActive();
      } else if (e.key === 'F7') {
        e.preventDefault();
        void toggleReview();
      } else if (e.key === 'F8') {
        e.preventDefault();
        void confirm();
      } else if (e.key === 'F9') {
        e.preventDefault();
        void print(e.shiftKey);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drafts, switchTo, closeActive, toggleReview, confirm, print, active]);

  const linkText =
    link.status === 'online'
      ? link.unacked > 0
        ? `Đang lưu… (${link.unacked})`
        : 'Đã lưu'
      : link.status === 'connecting'
        ? 'Đang kết nối…'
        : link.status === 'signedOut'
          ? `Phiên đăng nhập đã kết thúc — đăng nhập lại để tiếp tục${link.unacked > 0 ? ` (đã giữ ${link.unacked} thay đổi trên máy)` : ''}`
          : `Mất kết nối — đã giữ ${link.unacked} thay đổi trên máy, sẽ gửi lại`;

  return (
    <div className="cp">
      <style>{documentCss}</style>
      <div className="cp-top">
        <strong>{counterName || `Quầy ${counterId}`}</strong>
        <button type="button" className="linklike" onClick={props.onChangeCounter}>
          đổi quầy
        </button>
        <nav className="cp-tabs" aria-label="Công dân đang phục vụ">
          {drafts.map((d, i) => (
            <button
              key={d.view.id}
              type="button"
              aria-pressed={d.view.id === activeId}
              className={d.view.id === activeId ? 'on' : ''}
              onClick={() => void switchTo(d.view.id)}
              title={`Alt+${i + 1}`}
            >
              <kbd>{i + 1}</kbd> {tabName(d)}
              {d.view.shown ? <small className="muted"> · trên màn hình</small> : null}
            </button>
          ))}
          <button type="button" className="primary" onClick={() => setPicking(true)}>
            + Công dân mới <kbd>Alt+N</kbd>
          </button>
        </nav>
        <span className={`cp-link ${link.status}`} role="status" data-testid="link-status">
          {linkText}
          {link.status === 'signedOut' && (
            <>
              {' '}
              <a href="/dang-nhap">Đăng nhập</a>
            </>
          )}
        </span>
        <span className="cp-pair">
          <details className="cp-displays">
            <summary>Màn hình: {displays.length}</summary>
            <ul>
              {displays.map((d) => (
                <li key={d.id}>
                  {d.label ?? (d.kind === 'kiosk' ? 'Kiosk' : 'Màn hình')} #{d.id}{' '}
                  <button type="button" className="linklike" onClick={() => void revoke(d.id)}>
                    Thu hồi
                  </button>
                </li>
              ))}
              {displays.length === 0 && <li className="muted">Chưa ghép màn hình nào.</li>}
            </ul>
          </details>
          <input
            aria-label="Mã ghép nối màn hình"
            placeholder="Mã màn hình"
            value={code}
            maxLength={8}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void pair();
            }}
          />
          <button type="button" onClick={() => void pair()} disabled={code.trim().length < 6}>
            Ghép
          </button>
        </span>
      </div>
      {message && (
        <div className={`alert ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
          {message.kind === 'error' && active && (
            <button type="button" className="linklike" onClick={() => void print(true)}>
              In bản còn thiếu (Shift+F9)
            </button>
          )}
        </div>
      )}
      {!ready ? (
        <p className="muted">Đang tải…</p>
      ) : picking || !active ? (
        <div className="cp-start">
          {received && (
            <ReceiptDone
              answer={received.answer}
              label={received.label}
              onReprint={() =>
                void printUrl(`/api/dossiers/${encodeURIComponent(received.answer.code)}/receipt.pdf`).catch(
                  (e) =>
                    setMessage({ kind: 'error', text: e instanceof Error ? e.message : 'Không in được' }),
                )
              }
            />
          )}
          <div className="cp-camera">
            <QrCamera
              onText={(text) => void onScan(text)}
              onError={(text) => setMessage({ kind: 'error', text })}
            />
          </div>
          <form
            className="cp-prefill panel"
            onSubmit={(e) => {
              e.preventDefault();
              void openPrefill(prefillCode);
            }}
          >
            <label htmlFor="cp-prefill-code">
              Mở tờ khai khai trước <kbd>Alt+M</kbd>
            </label>
            <input
              id="cp-prefill-code"
              ref={prefillRef}
              aria-label="Mã khai trước"
              placeholder="Mã 8 ký tự (gõ hoặc quét)"
              autoComplete="off"
              spellCheck={false}
              maxLength={20}
              value={prefillCode}
              onChange={(e) => setPrefillCode(e.target.value.toUpperCase())}
            />
            <button type="submit" disabled={prefillBusy || prefillCode.trim().length < 6}>
              Mở
            </button>
          </form>
          <ProcedurePicker choices={choices} onPick={(c) => void startSession(c)} loading={loadingChoices} />
        </div>
      ) : receiving ? (
        <ReceivePanel
          key={active.view.id}
          procedure={procedures.find((p) => p.code === active.view.procedureCode)}
          printed={active.view.printCount > 0}
          busy={receiveBusy}
          onReceive={(docs) => void receive(docs)}
          onCancel={() => setReceiving(false)}
        />
      ) : (
        <div className="cp-work">
          <div className="cp-form" ref={formRef}>
            {scan && (
              // biome-ignore lint/a11y/noStaticElementInteractions: digits pick the person while the panel has focus.
              <div ref={scanRef} onKeyDown={onScanKey} className="cp-scan">
                <CccdScanResult
                  card={scan.card}
                  targets={personTargets.map((t) => ({
                    ...t,
                    label: scan.filled.includes(t.id) ? `${t.label} ✓` : t.label,
                  }))}
                  onFill={(target, card, address) => fillFromCard(target, card, address)}
                  onDismiss={() => setScan(null)}
                />
              </div>
            )}
            {offer && (
              <CitizenOffer
                offer={offer}
                current={(sub) => getAt(active.values, `${offer.prefix}.${sub}`)}
                onTake={takeOffer}
                onDismiss={() => setOffer(null)}
              />
            )}
            <div className="cp-form-head">
              <strong>{active.view.label ?? active.template.title}</strong>
              {active.view.review && <span className="badge">Công dân đang xem lại</span>}
              {active.view.confirmedAt && <span className="badge ok">Công dân đã xác nhận</span>}
            </div>
            <EntryForm
              template={active.template}
              sections={sections}
              values={active.values}
              errors={errors}
              serverErrors={serverErrors}
              notes={notes}
              onChange={setValue}
              suggest={suggest}
              onFocusField={onFocusField}
              onCopy={copyPerson}
            />
          </div>
          <section className="cp-preview" ref={previewRef} aria-label="Xem trước tờ khai">
            {doc && <DocumentView doc={doc} focusPath={focusKey ?? undefined} />}
          </section>
        </div>
      )}
      <footer className="cp-keys">
        {SHORTCUTS.map(([k, what]) => (
          <span key={k}>
            <kbd>{k}</kbd> {what}
          </span>
        ))}
        <label className="cp-copies">
          Số bản in
          <input
            type="number"
            min={1}
            max={20}
            value={copies}
            onChange={(e) => setCopies(Math.max(1, Math.min(20, Number(e.target.value) || 1)))}
          />
        </label>
        {active && (
          <>
            <button type="button" onClick={() => void toggleReview()}>
              {active.view.review ? 'Tắt xem lại' : 'Xem lại'} <kbd>F7</kbd>
            </button>
            <button type="button" onClick={() => void confirm()}>
              Đã xác nhận <kbd>F8</kbd>
            </button>
            <button type="button" className="primary" onClick={() => void print()}>
              In <kbd>F9</kbd>
            </button>
            <button type="button" className="primary" onClick={() => setReceiving(true)}>
              Tiếp nhận hồ sơ <kbd>Alt+T</kbd>
            </button>
            <button type="button" className="danger" onClick={() => void closeActive()}>
              Kết thúc <kbd>Alt+K</kbd>
            </button>
          </>
        )}
      </footer>
    </div>
  );
}
