// biome-ignore-all lint/suspicious/noArrayIndexKey: a document is rendered whole from a fixed tree; position is the identity
import type { ReactNode } from 'react';
import type { Align, DocBlock, DocumentModel, QrModules, Span } from './DocumentModel.ts';
import { QUOC_HIEU, TIEU_NGU } from './national-header.ts';

export interface DocumentViewProps {
  doc: DocumentModel;
  /** The value path being typed: its text gets the `kv-focus` class (and every value has `data-path`). */
  focusPath?: string | undefined;
}

function isFocused(path: string | undefined, focus: string | undefined): boolean {
  if (!path || !focus) return false;
  return path === focus || path.startsWith(`${focus}.`) || path.startsWith(`${focus}[`);
}

function SpanView({ span, focus }: { span: Span; focus: string | undefined }): ReactNode {
  const cls: string[] = [];
  if (span.path !== undefined) cls.push('kv-value');
  if (span.blank) cls.push('kv-blank');
  if (span.bold) cls.push('kv-bold');
  if (span.italic) cls.push('kv-italic');
  if (isFocused(span.path, focus)) cls.push('kv-focus');
  // The box glyphs ☐/☒ are missing from Tinos; both renderers draw □ (and × over it) instead.
  const content = span.checkbox ? (
    <span className="kv-box">
      □{span.checkbox === 'checked' ? <span className="kv-box-x">×</span> : null}
    </span>
  ) : (
    span.text
  );
  if (cls.length === 0) return content;
  return (
    <span className={cls.join(' ')} data-path={span.path}>
      {content}
    </span>
  );
}

function Spans({ spans, focus }: { spans: readonly Span[]; focus: string | undefined }): ReactNode {
  return spans.map((s, i) => <SpanView key={i} span={s} focus={focus} />);
}

function alignClass(a: Align): string {
  return a === 'left' ? '' : `kv-${a}`;
}

function NationalHeader(): ReactNode {
  return (
    <div className="kv-nh">
      <div className="kv-qh">{QUOC_HIEU}</div>
      <div className="kv-tn">{TIEU_NGU}</div>
    </div>
  );
}

function QrSvg({ modules, sizeMm }: { modules: QrModules; sizeMm: number }): ReactNode {
  const quiet = 2;
  const n = modules.size + quiet * 2;
  let d = '';
  modules.rows.forEach((row, y) => {
    // Horizontal runs of dark modules as one rectangle each keep the path short.
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
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${n} ${n}`}
      width={`${sizeMm}mm`}
      height={`${sizeMm}mm`}
      shapeRendering="crispEdges"
      role="img"
      aria-label="QR"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

function Block({ block, focus }: { block: DocBlock; focus: string | undefined }): ReactNode {
  switch (block.kind) {
    case 'nationalHeader':
      return <NationalHeader />;
    case 'agencyHeader':
      return (
        <div className="kv-ah">
          <div className="kv-ah-left">
            {block.agency.map((line, i) => (
              <p key={i} className={i === block.agency.length - 1 ? 'kv-bold' : undefined}>
                <Spans spans={line} focus={focus} />
              </p>
            ))}
            <div className="kv-ah-rule" />
          </div>
          <div className="kv-ah-right">
            <NationalHeader />
          </div>
        </div>
      );
    case 'title':
      return (
        <>
          <div className={`kv-title${block.lines.length === 0 ? ' kv-title-end' : ''}`}>{block.text}</div>
          {block.lines.map((line, i) => (
            <p key={i} className={`kv-title-line${i === block.lines.length - 1 ? ' kv-title-end' : ''}`}>
              <Spans spans={line} focus={focus} />
            </p>
          ))}
        </>
      );
    case 'paragraph': {
      const cls = [
        alignClass(block.align),
        block.indent ? 'kv-indent' : '',
        block.bold ? 'kv-bold' : '',
        block.italic ? 'kv-italic' : '',
      ]
        .filter(Boolean)
        .join(' ');
      return (
        <p className={cls || undefined}>
          <Spans spans={block.spans} focus={focus} />
        </p>
      );
    }
    case 'table': {
      const total = block.widths.reduce<number>((a, w) => a + (w === 'auto' ? 0 : w), 0) || 1;
      return (
        <table className="kv-table">
          <colgroup>
            {block.widths.map((w, i) => (
              <col
                key={i}
                style={w === 'auto' ? undefined : { width: `${((w / total) * 100).toFixed(2)}%` }}
              />
            ))}
          </colgroup>
          {block.header ? (
            <thead>
              <tr>
                {block.header.map((cell, i) => (
                  <th key={i}>
                    <Spans spans={cell} focus={focus} />
                  </th>
                ))}
              </tr>
            </thead>
          ) : null}
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c} className={alignClass(block.aligns[c] ?? 'left') || undefined}>
                    <Spans spans={cell} focus={focus} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'columns': {
      const total = block.widths.reduce((a, w) => a + w, 0) || 1;
      return (
        <div className="kv-cols">
          {block.columns.map((col, i) => (
            <div key={i} style={{ flex: `${(block.widths[i] ?? 1) / total} 1 0` }}>
              <Blocks blocks={col} focus={focus} />
            </div>
          ))}
        </div>
      );
    }
    case 'signature':
      return (
        <div className="kv-sig">
          {block.offset ? <div /> : null}
          {block.columns.map((c, i) => (
            <div key={i}>
              {c.above.length > 0 ? (
                <p className="kv-italic">
                  <Spans spans={c.above} focus={focus} />
                </p>
              ) : null}
              <div className="kv-sig-title">{c.title}</div>
              {c.note ? <div className="kv-sig-note">{c.note}</div> : null}
              <div className="kv-sig-space" />
              <div className="kv-sig-name">
                <Spans spans={c.name} focus={focus} />
              </div>
            </div>
          ))}
        </div>
      );
    case 'footnotes':
      return (
        <div className="kv-fn">
          {block.title ? <p className="kv-bold">{block.title}</p> : null}
          {block.items.map((it, i) => (
            <p key={i}>
              {it.mark} {it.text}
            </p>
          ))}
        </div>
      );
    case 'qr': {
      const c = block.content;
      return (
        <div
          className={`kv-qr ${alignClass(block.align)}`}
          data-path={block.path}
          style={{
            display: 'flex',
            flexDirection: 'column',
            alignItems:
              block.align === 'left' ? 'flex-start' : block.align === 'right' ? 'flex-end' : 'center',
          }}
        >
          {c === null ? (
            <div style={{ width: `${block.size}mm`, height: `${block.size}mm` }} />
          ) : c.type === 'image' ? (
            <img
              src={c.src}
              alt="QR"
              width={`${block.size}mm`}
              style={{ width: `${block.size}mm`, height: `${block.size}mm` }}
            />
          ) : (
            <QrSvg modules={c.modules} sizeMm={block.size} />
          )}
          {block.caption ? <div className="kv-qr-caption">{block.caption}</div> : null}
        </div>
      );
    }
    case 'pageBreak':
      return <div className="kv-break" />;
    case 'spacer':
      return <div style={{ height: `${block.size}pt` }} />;
  }
}

function Blocks({ blocks, focus }: { blocks: readonly DocBlock[]; focus: string | undefined }): ReactNode {
  return blocks.map((b, i) => <Block key={i} block={b} focus={focus} />);
}

function splitPages(blocks: readonly DocBlock[]): DocBlock[][] {
  const pages: DocBlock[][] = [[]];
  for (const b of blocks) {
    if (b.kind === 'pageBreak') pages.push([]);
    else pages[pages.length - 1]!.push(b);
  }
  return pages;
}

/** The filled form, as A4 page(s). Include `documentCss` once on the page. */
export function DocumentView({ doc, focusPath }: DocumentViewProps): ReactNode {
  return (
    <div className="kv-doc" style={{ '--kv-size': `${doc.fontSize}pt` } as Record<string, string>}>
      {splitPages(doc.blocks).map((page, i) => (
        <section key={i} className="kv-page">
          <Blocks blocks={page} focus={focusPath} />
        </section>
      ))}
    </div>
  );
}
