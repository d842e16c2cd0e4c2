import { describe, expect, it } from 'vitest';
import { PaintQueue } from './paint-queue';
import type { PaintItem } from './paint';

function setup() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let id = 0;
  const painted = new Set<AbstractRange>();
  const flushes: number[] = [];
  const q = new PaintQueue(
    { add: (items) => { for (const i of items) painted.add(i.range); flushes.push(now); }, remove: (rs) => { for (const r of rs) painted.delete(r); } },
    { setTimeout: (fn, ms) => { timers.set(++id, { at: now + ms, fn }); return id; }, clearTimeout: (i) => { timers.delete(i); } },
  );
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      now = next[1].at; timers.delete(next[0]); next[1].fn();
    }
    now = end;
  };
  const item = (): PaintItem => ({ tier: 'red', range: {} as AbstractRange });
  return { q, painted, flushes, advance, item };
}

describe('PaintQueue', () => {
  it('paints a reading\'s first batch at once, then batches together at growing intervals', () => {
    const { q, painted, flushes, advance, item } = setup();
    q.add(item()); q.schedule();
    expect(painted.size).toBe(1);
    for (let t = 0; t < 40; t++) { q.add(item()); q.schedule(); advance(100); }
    q.flushNow();
    expect(painted.size).toBe(41);
    // 4 s of batches every 100 ms: a handful of paints, not forty.
    expect(flushes.length).toBeLessThanOrEqual(5);
    expect(flushes.slice(1, 4)).toEqual([400, 1200, 2800]);
  });

  it('never paints a range that was taken back before its turn, and paints the rest when the reading ends', () => {
    const { q, painted, item } = setup();
    q.add(item()); q.schedule();
    const a = item(), b = item();
    q.add(a); q.add(b); q.schedule();
    q.remove(a.range);
    q.flushNow();
    expect(painted.has(a.range)).toBe(false);
    expect(painted.has(b.range)).toBe(true);
  });

  it('starts over with an immediate paint for the next reading', () => {
    const { q, painted, item } = setup();
    q.add(item()); q.schedule();
    q.add(item()); q.schedule();
    q.restart();
    expect(painted.size).toBe(2);
    q.add(item()); q.schedule();
    expect(painted.size).toBe(3);
  });
});
