/** Logs a warning once per key, so a misbehaving sender cannot flood the console. */
const seen = new Set<string>();

export function warnOnce(key: string, ...details: unknown[]): void {
  if (seen.has(key)) return;
  seen.add(key);
  console.warn(`[ScarCheck] ${key}`, ...details);
}

/** Test hook: forget which warnings were logged. */
export function resetWarnings(): void {
  seen.clear();
}
