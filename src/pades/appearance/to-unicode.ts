/** Reads a /ToUnicode CMap (bfchar and bfrange sections) into code → text. */

const hexToText = (hex: string): string => {
  const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  // Destination strings are UTF-16BE; a lone byte is taken as is.
  return bytes.length === 1 ? String.fromCharCode(bytes[0]) : Buffer.from(bytes).swap16().toString('utf16le');
};

/** Adds one to the last UTF-16 unit of `text` `n` times (how bfrange destinations advance). */
const advance = (text: string, n: number): string => text.slice(0, -1) + String.fromCharCode(text.charCodeAt(text.length - 1) + n);

/** Maximum codes expanded from one bfrange: a malformed CMap cannot make us allocate millions. */
const MAX_RANGE = 0x10000;

/** Parses the mappings; malformed entries are skipped. */
export function parseToUnicode(cmap: Buffer): Map<number, string> {
  const text = cmap.toString('latin1');
  const map = new Map<number, string>();
  for (const section of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of section[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) map.set(parseInt(m[1], 16), hexToText(m[2]));
  }
  for (const section of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of section[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1], 16);
      const hi = Math.min(parseInt(m[2], 16), lo + MAX_RANGE);
      if (m[3].startsWith('[')) {
        const items = [...m[3].matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => hexToText(x[1]));
        items.slice(0, hi - lo + 1).forEach((t, i) => map.set(lo + i, t));
      } else {
        const start = hexToText(m[3].slice(1, -1));
        for (let c = lo; c <= hi && start; c++) map.set(c, advance(start, c - lo));
      }
    }
  }
  return map;
}
