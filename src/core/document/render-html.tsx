import { renderToStaticMarkup } from 'react-dom/server';
import type { DocumentModel } from './DocumentModel.ts';
import { DocumentView } from './DocumentView.tsx';
import { documentCss } from './document-css.ts';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface RenderHtmlOptions {
  focusPath?: string;
  /** A whole HTML page (doctype, head with the stylesheet) rather than the fragment alone. */
  page?: boolean;
}

/** The document as static HTML (React escapes every value: text stays text). */
export function renderDocumentHtml(doc: DocumentModel, opts: RenderHtmlOptions = {}): string {
  const body = renderToStaticMarkup(<DocumentView doc={doc} focusPath={opts.focusPath} />);
  if (opts.page === false) return body;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title><style>${documentCss}</style></head><body style="margin:0">${body}</body></html>`;
}
