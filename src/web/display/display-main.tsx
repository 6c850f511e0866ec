/**
 * The citizen's display (/display): read-only, full screen, large type. No React here: the page is a
 * WebSocket listener that rebuilds the shared document model and writes the same markup as DocumentView
 * (render-doc-html.ts), block by block, so a keystroke repaints only the line it changes.
 */
import { buildDocument } from '../../core/document/build-document.ts';
import type { DocumentModel } from '../../core/document/DocumentModel.ts';
import { documentCss } from '../../core/document/document-css.ts';
import type { FormTemplate } from '../../core/forms/FormTemplate.ts';
import { validateValues } from '../../core/forms/validate-values.ts';
import { setAt } from '../../core/forms/value-path.ts';
import type { DisplayRatingAsk, DisplaySession, ToDisplay } from '../../core/live/live-messages.ts';
import { CLOSE_CODES, DISPLAY_RATING_PATH, LIVE_WS_PATH } from '../../core/live/live-messages.ts';
import { blockHtml, splitPages } from './render-doc-html.ts';
import './display.css';

const TOKEN_KEY = 'kv.displayToken';
const root = document.getElementById('root')!;
const style = document.createElement('style');
style.textContent = documentCss;
document.head.appendChild(style);

interface Live {
  session: DisplaySession;
  template: FormTemplate;
  /** Seq of the last patch applied per path: patches can arrive twice or out of order after a reconnect. */
  pathSeq: Map<string, number>;
  focusSeq: number;
}

let live: Live | null = null;
let unitName = '';
let counterName = '';
let status = '';
/** Rendered block markup per page, to repaint only what changed. */
let rendered: string[][] | null = null;
let lastScrolledFocus: string | null = null;
let frame = 0;

function h(tag: string, cls: string, text?: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
}

function setStatus(s: string): void {
  status = s;
  const el = document.querySelector('.dp-status');
  if (el) el.textContent = s;
}

/** The satisfaction question on screen, if any; the citizen has this long to answer before it goes. */
const RATING_TIMEOUT_MS = 60_000;
const REASONS_TIMEOUT_MS = 30_000;
const THANKS_MS = 6_000;
let rating: { ask: DisplayRatingAsk; timer: ReturnType<typeof setTimeout> | undefined } | null = null;
/** Dossiers this screen has already asked about (answered or timed out): a re-sent snapshot does not ask again. */
const asked = new Set<string>();
let token = '';

function endRating(): void {
  if (rating) clearTimeout(rating.timer);
  rating = null;
}

function ratingTimer(ms: number, then: () => void): void {
  if (!rating) return;
  clearTimeout(rating.timer);
  rating.timer = setTimeout(then, ms);
}

function button(cls: string, text: string, onTap: () => void): HTMLButtonElement {
  const b = h('button', cls, text) as HTMLButtonElement;
  b.type = 'button';
  b.addEventListener('click', onTap);
  return b;
}

function showRating(ask: DisplayRatingAsk): void {
  endRating();
  live = null;
  rendered = null;
  rating = { ask, timer: undefined };
  asked.add(ask.dossierCode);
  root.replaceChildren();
  const box = h('main', 'dp-rate');
  box.setAttribute('aria-label', 'Đánh giá mức độ hài lòng');
  if (unitName) box.append(h('div', 'dp-unit', unitName));
  box.append(h('h1', 'dp-rate-q', ask.question));
  const row = h('div', 'dp-rate-options');
  for (const o of ask.options) {
    row.append(
      button(`dp-rate-btn r-${o.value}`, o.label, () => {
        if (o.value === 'unsatisfied' && ask.reasons.length > 0) showReasons(ask, o.value);
        else void sendRating(ask, o.value, []);
      }),
    );
  }
  box.append(row, h('p', 'dp-help', 'Xin chạm vào một ô. Mỗi hồ sơ chỉ đánh giá một lần.'));
  root.append(box, h('div', 'dp-status', status));
  ratingTimer(RATING_TIMEOUT_MS, () => showThanks('Cảm ơn ông/bà đã đến làm thủ tục.'));
}

function showReasons(ask: DisplayRatingAsk, value: string): void {
  const chosen = new Set<string>();
  root.replaceChildren();
  const box = h('main', 'dp-rate');
  box.append(h('h1', 'dp-rate-q', 'Xin ông/bà cho biết điều chưa hài lòng (có thể chọn nhiều, hoặc bỏ qua)'));
  const row = h('div', 'dp-rate-reasons');
  for (const r of ask.reasons) {
    const b = button('dp-reason', r.label, () => {
      if (chosen.has(r.value)) chosen.delete(r.value);
      else chosen.add(r.value);
      b.setAttribute('aria-pressed', String(chosen.has(r.value)));
    });
    b.setAttribute('aria-pressed', 'false');
    row.append(b);
  }
  const send = () => void sendRating(ask, value, [...chosen]);
  box.append(row, button('dp-rate-btn r-send', 'Gửi đánh giá', send));
  root.append(box, h('div', 'dp-status', status));
  // The rating itself counts even if no reason is picked in time.
  ratingTimer(REASONS_TIMEOUT_MS, send);
}

async function sendRating(ask: DisplayRatingAsk, value: string, reasons: string[]): Promise<void> {
  if (!rating || rating.ask !== ask) return;
  clearTimeout(rating.timer);
  try {
    await fetch(DISPLAY_RATING_PATH, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json', 'x-display-token': token },
      body: JSON.stringify({ dossierCode: ask.dossierCode, rating: value, reasons }),
    });
  } catch {
    // The citizen is thanked either way; a lost rating is not worth keeping them at the desk.
  }
  showThanks('Cảm ơn ông/bà đã đánh giá!');
}

function showThanks(text: string): void {
  if (!rating) return;
  root.replaceChildren();
  const box = h('main', 'dp-rate');
  box.append(h('div', 'dp-welcome', text));
  root.append(box);
  ratingTimer(THANKS_MS, () => {
    endRating();
    showIdle();
  });
}

function showIdle(code?: { code: string; expiresAt: string }): void {
  endRating();
  live = null;
  rendered = null;
  lastScrolledFocus = null;
  root.replaceChildren();
  const box = h('main', 'dp-idle');
  if (unitName) box.append(h('div', 'dp-unit', unitName));
  box.append(h('div', 'dp-welcome', 'Kính chào Quý ông/bà'));
  box.append(
    h(
      'p',
      'dp-help',
      'Ông/bà chỉ cần trình bày yêu cầu với cán bộ. Cán bộ nhập thông tin vào tờ khai; ông/bà theo dõi và kiểm tra trên màn hình này, rồi ký tên trên bản in.',
    ),
  );
  if (counterName) box.append(h('p', 'dp-code-note', counterName));
  if (code) {
    const c = h('div', 'dp-code-box');
    c.append(h('div', 'dp-code-note', 'Mã ghép nối màn hình'));
    const codeEl = h('div', 'dp-code', code.code);
    codeEl.setAttribute('data-testid', 'pairing-code');
    c.append(codeEl);
    c.append(h('div', 'dp-code-note', 'Cán bộ nhập mã này tại quầy (hiệu lực 5 phút)'));
    box.append(c);
  }
  root.append(box, h('div', 'dp-status', status));
}

function buildDoc(l: Live): DocumentModel {
  const values = validateValues(l.template, l.session.values, { draft: true }).values;
  return buildDocument(l.template, values);
}

function showSession(): void {
  if (!live) return;
  endRating();
  root.replaceChildren();
  const bar = h('div', 'dp-bar');
  bar.append(h('span', '', unitName), h('span', '', counterName));
  const review = h('div', 'dp-review', 'Xin ông/bà kiểm tra lại thông tin');
  review.hidden = !live.session.review;
  const doc = h('div', 'dp-doc');
  root.append(review, bar, doc, h('div', 'dp-status', status));
  rendered = null;
  paint();
}

/** Repaints the document: blocks whose markup changed are replaced, the rest stay untouched. */
function paint(): void {
  frame = 0;
  const l = live;
  const host = root.querySelector<HTMLElement>('.dp-doc');
  if (!l || !host) return;
  const doc = buildDoc(l);
  const focus = l.session.review ? null : l.session.focus;
  const pages = splitPages(doc.blocks).map((p) => p.map((b) => blockHtml(b, focus)));
  const sameShape =
    rendered !== null &&
    rendered.length === pages.length &&
    rendered.every((p, i) => p.length === pages[i]!.length);
  if (!sameShape) {
    host.innerHTML = `<div class="kv-doc" style="--kv-size:${doc.fontSize}pt">${pages
      .map(
        (p) => `<section class="kv-page">${p.map((b) => `<div class="kv-b">${b}</div>`).join('')}</section>`,
      )
      .join('')}</div>`;
  } else {
    const sections = host.querySelectorAll('.kv-page');
    pages.forEach((p, i) => {
      const wrappers = sections[i]?.children;
      p.forEach((b, j) => {
        if (rendered![i]![j] !== b && wrappers?.[j]) wrappers[j].innerHTML = b;
      });
    });
  }
  rendered = pages;
  fitWidth(host);
  const review = root.querySelector<HTMLElement>('.dp-review');
  if (review) review.hidden = !l.session.review;
  scrollToFocus(focus);
}

/** The A4 page fills the screen's width: on a TV, 13pt on paper becomes text readable across the desk. */
function fitWidth(host: HTMLElement): void {
  const pagePx = (210 / 25.4) * 96;
  const zoom = Math.max(1, Math.min(3, (window.innerWidth - 32) / pagePx));
  host.style.setProperty('zoom', String(zoom));
}

function scrollToFocus(focus: string | null): void {
  if (!focus) {
    lastScrolledFocus = null;
    return;
  }
  const el = root.querySelector<HTMLElement>('.kv-focus');
  if (!el) return;
  const r = el.getBoundingClientRect();
  const inMiddle = r.top > window.innerHeight * 0.2 && r.bottom < window.innerHeight * 0.8;
  if (focus !== lastScrolledFocus || !inMiddle) {
    el.scrollIntoView({ block: 'center', behavior: focus === lastScrolledFocus ? 'auto' : 'smooth' });
    lastScrolledFocus = focus;
  }
}

function schedulePaint(): void {
  if (!frame) frame = requestAnimationFrame(paint);
}

function onMessage(m: ToDisplay): void {
  switch (m.t) {
    case 'pairing':
      unitName = m.unitName ?? '';
      counterName = '';
      showIdle({ code: m.code, expiresAt: m.expiresAt });
      pairingExpiry = Date.parse(m.expiresAt);
      return;
    case 'snapshot': {
      pairingExpiry = 0;
      unitName = m.unitName;
      counterName = m.counterName;
      if (!m.session || !m.template) {
        if (m.rating && !asked.has(m.rating.dossierCode)) showRating(m.rating);
        // A question (or its thanks) on screen stays while nothing else is shown.
        else if (!rating) showIdle();
        return;
      }
      const same = live?.session.id === m.session.id;
      live = {
        session: m.session,
        template: m.template as FormTemplate,
        pathSeq: new Map(),
        focusSeq: m.session.seq,
      };
      if (same && root.querySelector('.dp-doc')) schedulePaint();
      else showSession();
      return;
    }
    case 'patch': {
      const l = live;
      if (!l || l.session.id !== m.sessionId || m.seq <= l.session.seq) return;
      if (m.path !== undefined) {
        if ((l.pathSeq.get(m.path) ?? 0) < m.seq) {
          l.pathSeq.set(m.path, m.seq);
          setAt(l.session.values, m.path, m.value === null ? undefined : m.value);
        }
      }
      if (m.focus !== undefined && m.seq > l.focusSeq) {
        l.focusSeq = m.seq;
        l.session.focus = m.focus;
      }
      schedulePaint();
      return;
    }
    case 'review':
      if (live && live.session.id === m.sessionId) {
        live.session.review = m.on;
        if (m.on) window.scrollTo({ top: 0 });
        schedulePaint();
      }
      return;
    case 'idle':
      // At once, not on the next frame: the next citizen must not see the previous one's data.
      if (!rating) showIdle();
      return;
    case 'revoked':
      localStorage.removeItem(TOKEN_KEY);
      showIdle();
      return;
    case 'pong':
      return;
  }
}

let socket: WebSocket | null = null;
let retryMs = 500;
let pairingExpiry = 0;

async function displayToken(): Promise<string> {
  const fromLink = /(?:^#|&)k=([A-Za-z0-9_-]{20,200})/.exec(location.hash)?.[1];
  if (fromLink) {
    // A kiosk link: keep the secret in this browser and out of the address bar.
    localStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState(null, '', location.pathname);
  }
  const saved = localStorage.getItem(TOKEN_KEY);
  if (saved) return saved;
  // No cookie: on an officer's second screen the browser holds his session, and a display is not him.
  const res = await fetch('/api/live/displays', { method: 'POST', credentials: 'omit' });
  if (!res.ok) throw new Error(`display registration failed: ${res.status}`);
  const body = (await res.json()) as { token: string };
  localStorage.setItem(TOKEN_KEY, body.token);
  return body.token;
}

async function connect(): Promise<void> {
  try {
    token = await displayToken();
  } catch {
    setStatus('Đang kết nối lại máy chủ…');
    reconnectLater();
    return;
  }
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${proto}//${location.host}${LIVE_WS_PATH}?role=display`);
  socket = ws;
  ws.onopen = () => {
    ws.send(JSON.stringify({ t: 'hello', token }));
    retryMs = 500;
    setStatus('');
  };
  ws.onmessage = (e) => {
    try {
      onMessage(JSON.parse(String(e.data)) as ToDisplay);
    } catch {
      // A malformed message is dropped; the next snapshot puts the screen right.
    }
  };
  ws.onclose = (e) => {
    if (socket !== ws) return;
    socket = null;
    if (e.code === CLOSE_CODES.unauthorized || e.code === CLOSE_CODES.revoked) {
      // Unknown or revoked token: start over as a new display with a new code.
      localStorage.removeItem(TOKEN_KEY);
      showIdle();
      retryMs = 500;
    } else {
      setStatus('Mất kết nối, đang kết nối lại…');
    }
    reconnectLater();
  };
}

function reconnectLater(): void {
  const wait = retryMs * (0.75 + Math.random() * 0.5);
  retryMs = Math.min(retryMs * 2, 10_000);
  setTimeout(() => void connect(), wait);
}

setInterval(() => {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ t: 'ping' }));
  // An expired code: reconnecting draws a new one.
  if (pairingExpiry && Date.now() > pairingExpiry && socket) socket.close();
}, 20_000);
window.addEventListener('resize', () => {
  rendered = null;
  schedulePaint();
});

showIdle();
void connect();
