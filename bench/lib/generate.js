'use strict';
/**
 * Makes the benchmark inputs by hand (classic xref table, so the @signpdf peer can read them
 * too): N text pages, plus for the big files one page showing an incompressible RGB image of
 * the size asked. Written in chunks so a 200 MB file never sits in memory.
 */
const fs = require('node:fs');
const crypto = require('node:crypto');

const CHUNK = 8 * 1024 * 1024;

function pageContent(n) {
  const lines = [`BT /F1 18 Tf 72 780 Td (Parapheur benchmark - page ${n}) Tj ET`];
  for (let i = 0; i < 40; i++) lines.push(`BT /F1 10 Tf 72 ${740 - i * 16} Td (Ligne ${i + 1} de la page ${n}: deliberation du conseil municipal.) Tj ET`);
  return lines.join('\n');
}

class Writer {
  constructor(path) {
    this.fd = fs.openSync(path, 'w');
    this.offset = 0;
    this.offsets = [];
  }
  write(data) {
    const buf = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    fs.writeSync(this.fd, buf);
    this.offset += buf.length;
  }
  object(num, body) {
    this.offsets[num] = this.offset;
    this.write(`${num} 0 obj\n${body}\nendobj\n`);
  }
  stream(num, dict, data) {
    this.offsets[num] = this.offset;
    this.write(`${num} 0 obj\n${dict.replace(/>>$/, ` /Length ${data.length} >>`)}\nstream\n`);
    this.write(data);
    this.write('\nendstream\nendobj\n');
  }
  randomStream(num, dict, length) {
    this.offsets[num] = this.offset;
    this.write(`${num} 0 obj\n${dict.replace(/>>$/, ` /Length ${length} >>`)}\nstream\n`);
    for (let done = 0; done < length; done += CHUNK) this.write(crypto.randomBytes(Math.min(CHUNK, length - done)));
    this.write('\nendstream\nendobj\n');
  }
  finish(size) {
    const xref = this.offset;
    let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
    for (let i = 1; i < size; i++) table += `${String(this.offsets[i]).padStart(10, '0')} 00000 n \n`;
    this.write(`${table}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
    fs.closeSync(this.fd);
  }
}

/** Writes a PDF with `pages` text pages and, when `imageBytes` > 0, an image of that many bytes on page 1. */
function generatePdf(path, { pages, imageBytes = 0 }) {
  const w = new Writer(`${path}.part`);
  w.write(Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a])]));
  const firstPage = 5;
  const kids = Array.from({ length: pages }, (_, i) => `${firstPage + 2 * i} 0 R`).join(' ');
  w.object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  w.object(2, `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`);
  w.object(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const width = 1000;
  const height = Math.max(1, Math.floor(imageBytes / (3 * width)));
  if (imageBytes > 0) {
    w.randomStream(4, `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 >>`, width * height * 3);
  } else w.object(4, 'null');
  for (let i = 0; i < pages; i++) {
    const num = firstPage + 2 * i;
    const image = imageBytes > 0 && i === 0;
    const resources = `<< /Font << /F1 3 0 R >>${image ? ' /XObject << /Im1 4 0 R >>' : ''} >>`;
    w.object(num, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents ${num + 1} 0 R >>`);
    const content = (image ? 'q 450 0 0 300 72 60 cm /Im1 Do Q\n' : '') + pageContent(i + 1);
    w.stream(num + 1, '<< >>', Buffer.from(content, 'latin1'));
  }
  w.finish(firstPage + 2 * pages);
  fs.renameSync(`${path}.part`, path);
}

module.exports = { generatePdf };
