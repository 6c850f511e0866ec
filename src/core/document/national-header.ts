/** Nghị định 30/2020/NĐ-CP, Phụ lục I: Quốc hiệu and Tiêu ngữ, exactly as printed. */
export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

/** Point sizes shared by the HTML and PDF renderers (Nghị định 30/2020 ranges in comments). */
export const TYPE_SIZES = {
  quocHieu: 12.5, // 12–13pt, bold, capitals
  tieuNgu: 13.5, // 13–14pt, bold, underlined
  agency: 12.5, // 12–13pt, capitals
  title: 14, // 13–14pt, bold, capitals
  footnote: 11,
  lineHeight: 1.2,
} as const;

/** Page geometry in millimetres: A4, margins within Nghị định 30/2020's ranges. */
export const PAGE_MM = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 } as const;
