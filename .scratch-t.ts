import { renderPdf } from './src/server/pdf/render-pdf.ts';
import { pdfToText } from './src/server/pdf/pdf-text.ts';
const doc = (text: string, bold=false) => ({ templateId: 't', templateVersion: 1, title: 'T', fontSize: 13, blocks: [{ kind: 'paragraph', align: 'left', indent: false, bold, italic: false, spans: [{ text }] }] });
for (const t of ['A À Á Ã Đ', 'SÁU', 'a à á ã ả ạ ă', 'A À Á Ã Ả Ạ Ă Ằ Ắ Ẵ Ẳ Ặ Â Ầ Ấ Ẫ Ẩ Ậ E È É Ẽ Ẻ Ẹ Ê Ề Ế Ễ Ể Ệ I Ì Í Ĩ Ỉ Ị O Ò Ó Õ Ỏ Ọ Ô Ồ Ố Ỗ Ổ Ộ Ơ Ờ Ớ Ỡ Ở Ợ U Ù Ú Ũ Ủ Ụ Ư Ừ Ứ Ữ Ử Ự Y Ỳ Ý Ỹ Ỷ Ỵ Đ'])
  for (const b of [false, true]) console.log(b, JSON.stringify(pdfToText(await renderPdf(doc(t, b) as never))));
