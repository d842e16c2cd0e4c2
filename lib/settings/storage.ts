/**
 * The slice of the extension storage API that settings and reports use. Callers pass
 * `browser.storage.local` and `browser.storage.onChanged` (lib/messages/browser.ts); tests pass a
 * Map-backed fake. storage.local rather than storage.sync: the site list would otherwise travel
 * through the browser vendor's sync servers, and nothing of ScarCheck's leaves the browser.
 */
export interface StorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export type StorageChanges = Record<string, { oldValue?: unknown; newValue?: unknown }>;

export interface StorageChangeEvent {
  addListener(cb: (changes: StorageChanges, areaName: string) => void): void;
  removeListener(cb: (changes: StorageChanges, areaName: string) => void): void;
}

/** Calls `cb` with the new raw value whenever `key` changes in storage.local. Returns an unsubscribe. */
export function watchKey(events: StorageChangeEvent, key: string, cb: (raw: unknown) => void): () => void {
  const listener = (changes: StorageChanges, area: string) => {
    if (area === 'local' && key in changes) cb(changes[key]!.newValue);
  };
  events.addListener(listener);
  return () => events.removeListener(listener);
}
