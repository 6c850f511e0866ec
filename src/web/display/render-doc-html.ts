/**
 * The document model as HTML text, for the citizen's display, without React (the display bundle must stay
 * small). It produces exactly the markup of DocumentView (src/core/document/DocumentView.tsx) — a test
 * compares the two for every shipped template — so the TV shows what the preview and the PDF show.
 * Every text is escaped: values typed at the counter are text, never markup.
 */
import type { Align, DocBlock, DocumentModel, QrModules, Span } from '../../core/document/DocumentModel.ts';
import { QUOC_HIEU, TIEU_NGU } from '../../core/document/national-header.ts';
import { isUnderFocus } from '../../core/live/live-messages.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);
}

function attr(name: string, value: string | undefined): string {
  return value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`;
}

function span(s: Span, focus: string | null): string {
  const cls: string[] = [];
  if (s.path !== undefined) cls.push('kv-value');
  if (s.blank) cls.push('kv-blank');
  if (s.bold) cls.push('kv-bold');
  if (s.italic) cls.push('kv-italic');
  if (isUnderFocus(s.path, focus)) cls.push('kv-focus');
  const content = s.checkbox
    ? `<span class="kv-box">□${s.checkbox === 'checked' ? '<span class="kv-box-x">×</span>' : ''}</span>`
    : escapeHtml(s.text);
  if (cls.length === 0) return content;
  return `<span class="${cls.join(' ')}"${attr('data-path', s.path)}>${content}</span>`;
}

function spans(list: readonly Span[], focus: string | null): string {
  let out = '';
  for (const s of list) out += span(s, focus);
  return out;
}

function alignClass(a: Align): string {
  return a === 'left' ? '' : `kv-${a}`;
}

const NATIONAL_HEADER = `<div class="kv-nh"><div class="kv-qh">${escapeHtml(QUOC_HIEU)}</div><div class="kv-tn">${escapeHtml(TIEU_NGU)}</div></div>`;

function qrSvg(modules: QrModules, sizeMm: number): string {
  const quiet = 2;
  const n = modules.size + quiet * 2;
  let d = '';
  modules.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; ) {
      if (row[x] !== '1') {
        x++;
        continue;
      }
      let end = x;
      while (row[end] === '1') end++;
      d += `M${x + quiet} ${y + quiet}h${end - x}v1h-${end - x}z`;
      x = end;
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" width="${sizeMm}mm" height="${sizeMm}mm" shape-rendering="crispEdges" role="img" aria-label="QR"><rect width="${n}" height="${n}" fill="#fff"></rect><path d="${d}" fill="#000"></path></svg>`;
}

/** One block's markup (a title with lines gives several sibling elements). */
export function blockHtml(b: DocBlock, focus: string | null): string {
  switch (b.kind) {
    case 'nationalHeader':
      return NATIONAL_HEADER;
    case 'agencyHeader': {
      const lines = b.agency
        .map(
          (line, i) => `<p${i === b.agency.length - 1 ? ' class="kv-bold"' : ''}>${spans(line, focus)}</p>`,
        )
        .join('');
      return `<div class="kv-ah"><div class="kv-ah-left">${lines}<div class="kv-ah-rule"></div></div><div class="kv-ah-right">${NATIONAL_HEADER}</div></div>`;
    }
    case 'title': {
      let out = `<div class="kv-title${b.lines.length === 0 ? ' kv-title-end' : ''}">${escapeHtml(b.text)}</div>`;
      b.lines.forEach((line, i) => {
        out += `<p class="kv-title-line${i === b.lines.length - 1 ? ' kv-title-end' : ''}">${spans(line, focus)}</p>`;
      });
      return out;
    }
    case 'paragraph': {
      const cls = [
        alignClass(b.align),
        b.indent ? 'kv-indent' : '',
        b.bold ? 'kv-bold' : '',
        b.italic ? 'kv-italic' : '',
      ]
        .filter(Boolean)
        .join(' ');
      return `<p${cls ? ` class="${cls}"` : ''}>${spans(b.spans, focus)}</p>`;
    }
    case 'table': {
      const total = b.widths.reduce<number>((a, w) => a + (w === 'auto' ? 0 : w), 0) || 1;
      const cols = b.widths
        .map((w) => (w === 'auto' ? '<col/>' : `<col style="width:${((w / total) * 100).toFixed(2)}%"/>`))
        .join('');
      const head = b.header
        ? `<thead><tr>${b.header.map((c) => `<th>${spans(c, focus)}</th>`).join('')}</tr></thead>`
        : '';
      const body = b.rows
        .map(
          (row) =>
            `<tr>${row
              .map((cell, c) => {
                const a = alignClass(b.aligns[c] ?? 'left');
                return `<td${a ? ` class="${a}"` : ''}>${spans(cell, focus)}</td>`;
              })
              .join('')}</tr>`,
        )
        .join('');
      return `<table class="kv-table"><colgroup>${cols}</colgroup>${head}<tbody>${body}</tbody></table>`;
    }
    case 'columns': {
      const total = b.widths.reduce((a, w) => a + w, 0) || 1;
      return `<div class="kv-cols">${b.columns
        .map(
          (col, i) =>
            `<div style="flex:${(b.widths[i] ?? 1) / total} 1 0">${col.map((x) => blockHtml(x, focus)).join('')}</div>`,
        )
        .join('')}</div>`;
    }
    case 'signature':
      return `<div class="kv-sig">${b.offset ? '<div></div>' : ''}${b.columns
        .map(
          (c) =>
            `<div>${c.above.length > 0 ? `<p class="kv-italic">${spans(c.above, focus)}</p>` : ''}<div class="kv-sig-title">${escapeHtml(c.title)}</div>${c.note ? `<div class="kv-sig-note">${escapeHtml(c.note)}</div>` : ''}<div class="kv-sig-space"></div><div class="kv-sig-name">${spans(c.name, focus)}</div></div>`,
        )
        .join('')}</div>`;
    case 'footnotes':
      return `<div class="kv-fn">${b.title ? `<p class="kv-bold">${escapeHtml(b.title)}</p>` : ''}${b.items
        .map((it) => `<p>${escapeHtml(it.mark)} ${escapeHtml(it.text)}</p>`)
        .join('')}</div>`;
    case 'qr': {
      const c = b.content;
      const alignItems = b.align === 'left' ? 'flex-start' : b.align === 'right' ? 'flex-end' : 'center';
      const inner =
        c === null
          ? `<div style="width:${b.size}mm;height:${b.size}mm"></div>`
          : c.type === 'image'
            ? `<img src="${escapeHtml(c.src)}" alt="QR" width="${b.size}mm" style="width:${b.size}mm;height:${b.size}mm"/>`
            : qrSvg(c.modules, b.size);
      return `<div class="kv-qr ${alignClass(b.align)}" data-path="${escapeHtml(b.path)}" style="display:flex;flex-direction:column;align-items:${alignItems}">${inner}${b.caption ? `<div class="kv-qr-caption">${escapeHtml(b.caption)}</div>` : ''}</div>`;
    }
    case 'pageBreak':
      return '<div class="kv-break"></div>';
    case 'spacer':
      return `<div style="height:${b.size}pt"></div>`;
  }
}

export function splitPages(blocks: readonly DocBlock[]): DocBlock[][] {
  const pages: DocBlock[][] = [[]];
  for (const b of blocks) {
    if (b.kind === 'pageBreak') pages.push([]);
    else pages[pages.length - 1]!.push(b);
  }
  return pages;
}

/** The whole document, the same markup as `renderToStaticMarkup(<DocumentView doc focusPath />)`. */
export function documentHtml(doc: DocumentModel, focus: string | null): string {
  return `<div class="kv-doc" style="--kv-size:${doc.fontSize}pt">${splitPages(doc.blocks)
    .map((page) => `<section class="kv-page">${page.map((b) => blockHtml(b, focus)).join('')}</section>`)
    .join('')}</div>`;
}
