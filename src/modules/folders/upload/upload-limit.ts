const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Bytes of a size such as `50mb` or `512kb` (the BODY_LIMIT_* format, validated at boot). */
export function parseSize(size: string): number {
  const match = /^(\d+)(b|kb|mb|gb)?$/i.exec(size.trim());
  if (!match) throw new Error(`Invalid size ${size}`);
  return Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()];
}

/** "50 Mo", "512 Ko": the limit as people read it. */
export function sizeInFrench(bytes: number): string {
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} Mo`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} Ko`;
  return `${bytes} octets`;
}
