const KEY = 'parapheur.bulk-titles';

/** Remembers the titles of the folders of a batch, so its progress page can name them. */
export function rememberTitles(titles: Record<string, string>): void {
  const previous = readTitles();
  sessionStorage.setItem(KEY, JSON.stringify({ ...previous, ...titles }));
}

export function readTitles(): Record<string, string> {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}
