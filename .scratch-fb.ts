import { writeFileSync } from 'node:fs';
import { renderPdf } from './src/server/pdf/render-pdf.ts';
const doc = (text: string) => ({ templateId: 't', templateVersion: 1, title: 'T', fontSize: 13, blocks: [{ kind: 'paragraph', align: 'left', indent: false, bold: false, italic: false, spans: [{ text }] }, { kind: 'paragraph', align: 'left', indent: false, bold: true, italic: false, spans: [{ text: 'Đặng Thị Ánh — ỹ ½ × □ “x” 😀 漢字' }] }] });
await renderPdf(doc('Việt') as never);
writeFileSync(process.argv[2]!, await renderPdf(doc('Łukasz Żółć Ślązak, Ωμέγα Άλφα, Ярослав — và Nguyễn Văn Ấn') as never));
