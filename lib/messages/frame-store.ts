/**
 * What the background knows per tab for the badge and the popup: the number of questionable claims
 * the page (top frame) reported, and the claims each embedded frame reported (only frames the
 * reader asked ScarCheck to read). Kept in storage.session when there is one (an MV3 service
 * worker may be stopped between messages; the session area survives that and is never written
 * to disk), else in memory. Records are validated when read back.
 *
 * A tab's frames are dropped when its top frame starts on a new page, a frame reports that its
 * document went away, or the tab closes.
 */
import { z } from 'zod/mini';
import { tierOf } from '../knowledge/ids';
import { FrameClaims } from './schemas';

export type FrameRecord = Omit<FrameClaims, 'frameId'>;

/** The slice of storage.session used here. */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const TabRecord = z.object({
  top: z.int().check(z.nonnegative()),
  frames: z.array(FrameClaims),
});
type TabRecord = z.infer<typeof TabRecord>;

const keyOf = (tabId: number) => `frames:${tabId}`;
const empty = (): TabRecord => ({ top: 0, frames: [] });

/** Questionable (amber and red) claims of one frame's record. */
export const questionableOf = (r: FrameRecord): number =>
  r.status === 'off' ? 0 : r.claims.filter((c) => tierOf(c.verdict) !== 'green').length;

export class FrameTabs {
  private readonly memory = new Map<number, TabRecord>();
  /** One change at a time per tab (each is a read-modify-write). */
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(private readonly session?: SessionArea) {}

  private async load(tabId: number): Promise<TabRecord> {
    const cached = this.memory.get(tabId);
    if (cached) return cached;
    let stored: unknown;
    try {
      stored = this.session ? (await this.session.get(keyOf(tabId)))[keyOf(tabId)] : undefined;
    } catch {
      stored = undefined;
    }
    const parsed = TabRecord.safeParse(stored);
    const rec = parsed.success ? parsed.data : empty();
    this.memory.set(tabId, rec);
    return rec;
  }

  private async save(tabId: number, rec: TabRecord): Promise<void> {
    this.memory.set(tabId, rec);
    await this.session?.set({ [keyOf(tabId)]: rec }).catch(() => undefined);
  }

  private change<T>(tabId: number, fn: (rec: TabRecord) => TabRecord | null, out: (rec: TabRecord) => T): Promise<T> {
    const run = (this.queues.get(tabId) ?? Promise.resolve()).then(async () => {
      const before = await this.load(tabId);
      const after = fn(before);
      if (after) await this.save(tabId, after);
      return out(after ?? before);
    });
    this.queues.set(tabId, run.catch(() => undefined));
    return run;
  }

  /** The page's own count of questionable claims. */
  setTop(tabId: number, count: number): Promise<void> {
    return this.change(tabId, (r) => ({ ...r, top: count }), () => undefined);
  }

  setFrame(tabId: number, frameId: number, record: FrameRecord): Promise<void> {
    return this.change(tabId, (r) => ({
      ...r,
      frames: [...r.frames.filter((f) => f.frameId !== frameId), { frameId, ...record }].sort((a, b) => a.frameId - b.frameId),
    }), () => undefined);
  }

  dropFrame(tabId: number, frameId: number): Promise<void> {
    return this.change(tabId, (r) => (r.frames.some((f) => f.frameId === frameId) ? { ...r, frames: r.frames.filter((f) => f.frameId !== frameId) } : null), () => undefined);
  }

  /** A new page in the tab: its old frames are gone. */
  dropFrames(tabId: number): Promise<void> {
    return this.change(tabId, (r) => (r.frames.length ? { ...r, frames: [] } : null), () => undefined);
  }

  /** The tab closed. */
  async dropTab(tabId: number): Promise<void> {
    await (this.queues.get(tabId) ?? Promise.resolve());
    this.memory.delete(tabId);
    this.queues.delete(tabId);
    await this.session?.remove(keyOf(tabId)).catch(() => undefined);
  }

  /** The frames' claims, by frame id. */
  frames(tabId: number): Promise<FrameClaims[]> {
    return this.change(tabId, () => null, (r) => r.frames);
  }

  /** What the badge shows: the page's questionable claims plus those of every frame read. */
  questionable(tabId: number): Promise<number> {
    return this.change(tabId, () => null, (r) => r.top + r.frames.reduce((n, f) => n + questionableOf(f), 0));
  }
}
