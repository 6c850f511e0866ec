import type { Kysely } from 'kysely';
import type { DocumentKind, ProcedureView } from '../../../core/api/procedures.ts';
import { vnLocalDateTime } from '../../../core/calendar/iso-date.ts';
import { buildDocument } from '../../../core/document/build-document.ts';
import type { DocumentModel } from '../../../core/document/DocumentModel.ts';
import { validateValues } from '../../../core/forms/validate-values.ts';
import type { Database } from '../../db/schema.ts';
import { findTemplate } from '../templates/template-store.ts';
import type { DossierRow, ReceivedDocument } from './dossiers.service.ts';

export const RECEIPT_TEMPLATE_ID = 'giay-tiep-nhan';

const FORM_OF_KIND: Record<DocumentKind, string> = {
  original: 'chinh',
  certified_copy: 'sao-ct',
  photocopy: 'sao',
  present: 'chinh',
};

/** "UBND Phường Sa Đéc" → "Ủy ban nhân dân phường Sa Đéc", the way slips name the agency. */
export function agencyTitle(unitName: string): string {
  return unitName
    .replace(/^UBND\s+/i, 'Ủy ban nhân dân ')
    .replace(
      /^(Ủy ban nhân dân )(Phường|Xã|Tỉnh|Thành phố|Đặc khu)\b/,
      (_m, a: string, b: string) => a + b.toLowerCase(),
    );
}

/** The place name printed before the date: "UBND Phường Sa Đéc" → "Sa Đéc". */
export function placeName(unitName: string): string {
  return unitName
    .replace(/^(UBND|Ủy ban nhân dân)\s+/i, '')
    .replace(/^(Phường|Xã|Tỉnh|Thành phố|Đặc khu)\s+/i, '');
}

/** Local (UTC+7) "YYYY-MM-DDTHH:MM". */
export function localDateTime(iso: string): string {
  return vnLocalDateTime(new Date(iso));
}

export interface ReceiptContext {
  dossier: DossierRow;
  unitName: string;
  procedure: Pick<ProcedureView, 'name' | 'processingDays' | 'sameDay' | 'resultDelivery'>;
  officerName: string | null;
  trackingUrl: string;
}

/** The receipt and appointment slip (Mẫu 01) in two copies: one kept, one for the citizen. */
export async function buildReceiptDocument(
  db: Kysely<Database>,
  ctx: ReceiptContext,
): Promise<DocumentModel> {
  const template = await findTemplate(db, RECEIPT_TEMPLATE_ID);
  if (!template) throw new Error('receipt template missing');
  const d = ctx.dossier;
  const docs = JSON.parse(d.documents) as ReceivedDocument[];
  const agency = agencyTitle(ctx.unitName);
  const base = {
    agency: { name: agency, desk: 'Bộ phận tiếp nhận và trả kết quả' },
    issuedAt: { place: placeName(ctx.unitName), date: localDateTime(d.received_at!).slice(0, 10) },
    dossierCode: d.code,
    receivingUnit: agency,
    applicant: {
      name: d.applicant_name,
      ...(d.applicant_address ? { address: d.applicant_address } : {}),
      ...(d.applicant_phone ? { phone: d.applicant_phone } : {}),
      ...(d.applicant_email ? { email: d.applicant_email } : {}),
    },
    request: ctx.procedure.name,
    documents:
      docs.length > 0
        ? docs.map((x) => ({ name: x.name, form: FORM_OF_KIND[x.kind], count: x.count }))
        : [{ name: 'Tờ khai theo mẫu', form: 'chinh', count: 1 }],
    setCount: 1,
    legalTime: ctx.procedure.sameDay
      ? 'Trong ngày (tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo)'
      : `${String(ctx.procedure.processingDays).padStart(2, '0')} ngày làm việc`,
    receivedAt: localDateTime(d.received_at!),
    dueAt: localDateTime(d.due_at!),
    returnPlace: `Bộ phận tiếp nhận và trả kết quả, ${agency}`,
    logbook: { volume: `${String(d.logbook_year ?? '')}`, number: String(d.logbook_number ?? '') },
    ...(ctx.officerName ? { officer: { name: ctx.officerName } } : {}),
    trackingUrl: ctx.trackingUrl,
  };
  const copies = ['luu', 'khach'].map((copy) => {
    const r = validateValues(template, { ...base, copy }, { draft: true });
    return buildDocument(template, r.values, { title: `Giấy tiếp nhận hồ sơ ${d.code}` });
  });
  const [first, second] = copies as [DocumentModel, DocumentModel];
  return { ...first, blocks: [...first.blocks, { kind: 'pageBreak' }, ...second.blocks] };
}
