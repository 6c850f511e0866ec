import { PAGE_MM, TYPE_SIZES } from './national-header.ts';

/**
 * The stylesheet of DocumentView, used by the live display, the previews and renderDocumentHtml.
 * Sizes and margins are the PDF's (national-header.ts), so screen and paper wrap alike. The Tinos
 * files (metric-compatible with Times New Roman, full Vietnamese coverage) are served by the server
 * at /fonts/Tinos-*.ttf from the @expo-google-fonts/tinos package.
 */
const face = (file: string, weight: number, style: string) =>
  `@font-face{font-family:'Tinos';src:url('/fonts/${file}') format('truetype');font-weight:${weight};font-style:${style};font-display:swap}`;

export const documentCss = [
  face('Tinos-Regular.ttf', 400, 'normal'),
  face('Tinos-Bold.ttf', 700, 'normal'),
  face('Tinos-Italic.ttf', 400, 'italic'),
  face('Tinos-BoldItalic.ttf', 700, 'italic'),
  `.kv-doc{font-family:'Tinos','Times New Roman',Times,serif;color:#000;font-size:var(--kv-size,13pt);line-height:${TYPE_SIZES.lineHeight};font-kerning:normal}`,
  `.kv-page{box-sizing:border-box;width:${PAGE_MM.width}mm;min-height:${PAGE_MM.height}mm;padding:${PAGE_MM.top}mm ${PAGE_MM.right}mm ${PAGE_MM.bottom}mm ${PAGE_MM.left}mm;background:#fff;margin:0 auto 8mm;box-shadow:0 1px 4px rgba(0,0,0,.25)}`,
  '@media print{.kv-page{box-shadow:none;margin:0;break-after:page}@page{size:A4;margin:0}}',
  '.kv-doc p{margin:0 0 3pt;white-space:pre-wrap;overflow-wrap:anywhere}',
  '.kv-indent{text-indent:10mm}',
  '.kv-center{text-align:center}.kv-right{text-align:right}.kv-justify{text-align:justify}',
  '.kv-bold{font-weight:700}.kv-italic{font-style:italic}',
  `.kv-nh{text-align:center;margin-bottom:10pt}.kv-qh{font-weight:700;font-size:${TYPE_SIZES.quocHieu}pt;white-space:nowrap}`,
  `.kv-tn{display:inline-block;font-weight:700;font-size:${TYPE_SIZES.tieuNgu}pt;border-bottom:0.75pt solid #000;padding-bottom:1pt}`,
  '.kv-ah{display:flex;gap:4mm;margin-bottom:10pt}.kv-ah>div{text-align:center}.kv-ah-left{flex:0 0 38%}.kv-ah-right{flex:1}',
  `.kv-ah-left p{font-size:${TYPE_SIZES.agency}pt;margin:0}.kv-ah-rule{width:30%;margin:2pt auto 0;border-top:0.75pt solid #000}`,
  `.kv-title{text-align:center;font-weight:700;font-size:${TYPE_SIZES.title}pt;margin:12pt 0 2pt}`,
  '.kv-title-line{text-align:center;margin:0 0 2pt}',
  '.kv-title-end{margin-bottom:10pt}',
  '.kv-doc table.kv-table{width:100%;border-collapse:collapse;margin:4pt 0 6pt;table-layout:fixed}',
  '.kv-table td,.kv-table th{border:0.75pt solid #000;padding:2pt 4pt;vertical-align:top;white-space:pre-wrap;overflow-wrap:anywhere;font-weight:400}',
  '.kv-table th{font-weight:700;text-align:center}',
  '.kv-cols{display:flex;gap:4mm;margin-top:4pt}.kv-cols>div{min-width:0}',
  '.kv-sig{display:flex;margin-top:6pt}.kv-sig>div{flex:1;text-align:center;min-width:0}',
  '.kv-sig-title{font-weight:700}.kv-sig-note{font-style:italic}.kv-sig-space{height:22mm}.kv-sig-name{font-weight:700}',
  `.kv-fn{margin-top:10pt;font-size:${TYPE_SIZES.footnote}pt}.kv-fn p{margin:0 0 2pt}`,
  '.kv-qr{margin:4pt 0}.kv-qr svg,.kv-qr img{display:block}.kv-qr-caption{font-size:10pt}',
  '.kv-blank{color:#000}',
  '.kv-box{position:relative;display:inline-block}.kv-box-x{position:absolute;left:0;right:0;text-align:center}',
  '.kv-focus{background:#fff3a8;outline:2px solid #e0a800;border-radius:2px}',
  '.kv-break{height:0}',
].join('\n');
