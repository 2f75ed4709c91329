import { posix } from 'node:path';

/** A file name safe inside a ZIP: no folders, no control characters, never empty. */
export function safeFileName(name: string, fallback: string): string {
  const base = posix.basename(name.replace(/\\/g, '/')).split('').filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('').trim();
  return base === '' || base === '.' || base === '..' ? fallback : base;
}

/** Gives each path once: "a.pdf", then "a (2).pdf", "a (3).pdf"… (case-insensitive). */
export class UniquePaths {
  private readonly taken = new Set<string>();

  claim(folder: string, fileName: string): string {
    const dot = fileName.lastIndexOf('.');
    const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
    const ext = dot > 0 ? fileName.slice(dot) : '';
    for (let n = 1; ; n += 1) {
      const path = `${folder}/${n === 1 ? fileName : `${stem} (${n})${ext}`}`;
      if (!this.taken.has(path.toLowerCase())) {
        this.taken.add(path.toLowerCase());
        return path;
      }
    }
  }
}

/** "dossier-DEL-2026-042.zip" (the external id when there is one, else the folder id), ASCII-safe. */
export function bundleFileName(folder: { id: string; externalId: string | null }): string {
  const key = (folder.externalId ?? '').trim() || folder.id;
  return `dossier-${key}.zip`;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\/]/g, '_') || 'dossier.zip';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
