import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

/** A plausible municipal PDF (title, body lines, page numbers) for the viewer and uploads. */
export async function samplePdf(title: string, pages = 3): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([595, 842]);
    page.drawText('COMMUNE DE DÉMO', { x: 60, y: 780, size: 11, font: bold, color: rgb(0.1, 0.2, 0.4) });
    page.drawText(title, { x: 60, y: 740, size: 18, font: bold });
    for (let line = 0; line < 28; line++) {
      page.drawText(`Article ${line + 1}. Le conseil municipal, après en avoir délibéré, décide des dispositions ci-après.`, {
        x: 60,
        y: 700 - line * 20,
        size: 10,
        font,
        color: rgb(0.15, 0.15, 0.15),
      });
    }
    page.drawText(`Page ${n} / ${pages}`, { x: 500, y: 40, size: 9, font });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
