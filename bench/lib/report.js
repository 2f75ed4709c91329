'use strict';
/** Renders the benchmark report as a markdown table. */

const fmt = (n, digits = 1) => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));
/** Whole MB with a sign; a rounding of a value within ±0.5 MB shows as 0, not -0. */
const signedMb = (n) => {
  const text = fmt(Math.round(n) === 0 ? 0 : n, 0);
  return n >= 0.5 ? `+${text}` : text;
};

function rows(c) {
  const peer = c.results.find((r) => r.engine === 'peer');
  const sizeMb = c.bytes / 1024 / 1024;
  return c.results.map((r) => {
    const name = r.engine === 'ours' ? 'parapheur' : '@signpdf';
    if (r.error) return `| ${c.case} | ${fmt(sizeMb, 2)} | ${name} | failed: ${r.error.replace(/\|/g, '/').slice(0, 80)} | | | | | | | |`;
    const vsPeer = r.engine === 'ours' && peer && !peer.error ? `${fmt(peer.medianMs / r.medianMs, 1)}× faster` : '';
    const vsSha = `${fmt(r.medianMs / c.sha256sumMs, 2)}×`;
    const overhead = r.peakRssMb - r.baselineRssMb - sizeMb;
    return `| ${c.case} | ${fmt(sizeMb, 2)} | ${name} | ${fmt(r.medianMs, r.medianMs < 10 ? 3 : 1)} | ${fmt(r.perSecond, 0)} | ${fmt(r.mbPerSecond, 0)} | ${fmt(r.peakRssMb, 0)} | ${fmt(r.baselineRssMb, 0)} | ${signedMb(overhead)} | ${vsPeer} | ${vsSha} (sha256sum ${fmt(c.sha256sumMs, 1)} ms) |`;
  });
}

function renderTable(report) {
  const head = [
    `Node ${report.node}, ${report.cpu} (${report.cores} cores), ${report.date.slice(0, 16)}Z; peer: ${report.peer}; B-B, RSA-2048, SHA-256, one process per case, median of N signatures.`,
    '',
    '| Case | Size (MB) | Engine | Median ms/signature | Signatures/s | MB/s | Peak RSS MB | Node baseline MB | Peak − baseline − file MB | vs peer | vs sha256sum |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  return [...head, ...report.cases.flatMap(rows)].join('\n') + '\n';
}

module.exports = { renderTable };
