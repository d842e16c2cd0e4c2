import { beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_GRACE_MS, CardController, SWITCH_DELAY_MS, type CardEffects } from './card-controller';
import type { Hit } from './hit-test';

/** Two claims on one line (0 and 1 overlap at x 50..60) and a third further down. */
const RECTS: Record<number, Array<{ left: number; top: number; right: number; bottom: number }>> = {
  0: [{ left: 0, top: 100, right: 60, bottom: 120 }],
  1: [{ left: 50, top: 100, right: 200, bottom: 120 }],
  2: [{ left: 0, top: 300, right: 200, bottom: 320 }],
};

function harness() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  const frames: Array<() => void> = [];
  const shown: Array<{ indices: number[]; top: number } | null> = [];
  const anchors: Array<{ left: number; top: number; right: number; bottom: number }> = [];
  const fx: CardEffects = {
    hitTest(x, y): Hit {
      const indices: number[] = [];
      let rect = null;
      for (const [i, rs] of Object.entries(RECTS)) {
        const r = rs.find((q) => x >= q.left && x <= q.right && y >= q.top && y <= q.bottom);
        if (r) { indices.push(Number(i)); rect ??= r as DOMRect; }
      }
      return { indices, rect };
    },
    rectsOf: (i) => RECTS[i] ?? [],
    show: (indices, anchor) => { shown.push({ indices, top: anchor.top }); anchors.push({ ...anchor }); },
    hide: () => { shown.push(null); },
    setTimeout: (fn, ms) => { const id = nextId++; timers.set(id, { at: now + ms, fn }); return id; },
    clearTimeout: (id) => { timers.delete(id); },
    requestFrame: (fn) => { frames.push(fn); },
    viewport: () => ({ width: 800, height: 600 }),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) if (t.at <= now) { timers.delete(id); t.fn(); }
  };
  const flushFrames = () => { for (const f of frames.splice(0)) f(); };
  return { c: new CardController(fx), shown, anchors, advance, flushFrames, RECTS };
}

describe('CardController', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => { h = harness(); });

  it('processes pointer moves at most once per frame, with the latest position', () => {
    h.c.pointerMove(500, 500, false);
    h.c.pointerMove(10, 110, false);
    expect(h.shown).toEqual([]);
    h.flushFrames();
    expect(h.shown).toEqual([{ indices: [0], top: 100 }]);
  });

  it('opens one card for every claim under the pointer', () => {
    h.c.process(55, 110, false);
    expect(h.c.openIndices).toEqual([0, 1]);
    expect(h.shown.at(-1)).toEqual({ indices: [0, 1], top: 100 });
  });

  it('switches an open card to another claim only once the pointer rests on it', () => {
    h.c.process(10, 110, false);
    h.c.process(10, 310, false); // crossing claim 2 on the way somewhere
    expect(h.c.openIndices).toEqual([0]);
    h.c.process(10, 200, true); // ...into the card: no switch
    h.advance(SWITCH_DELAY_MS);
    expect(h.c.openIndices).toEqual([0]);
    h.c.process(10, 310, false);
    h.advance(SWITCH_DELAY_MS);
    expect(h.c.openIndices).toEqual([2]);
    expect(h.shown.at(-1)).toEqual({ indices: [2], top: 300 });
  });

  it('does not switch when the pointer left the other claim before the delay', () => {
    h.c.process(10, 110, false);
    h.c.process(10, 310, false);
    h.c.process(10, 112, false);
    h.advance(SWITCH_DELAY_MS);
    expect(h.c.openIndices).toEqual([0]);
  });

  it('does not re-render while the pointer stays on the same claims', () => {
    h.c.process(10, 110, false);
    h.c.process(20, 112, false);
    expect(h.shown.length).toBe(1);
  });

  it('closes after a grace delay when the pointer leaves claim and card', () => {
    h.c.process(10, 110, false);
    h.c.process(10, 200, false);
    h.advance(CLOSE_GRACE_MS - 1);
    expect(h.c.openIndices).toEqual([0]);
    h.advance(1);
    expect(h.c.openIndices).toBeNull();
    expect(h.shown.at(-1)).toBeNull();
  });

  it('stays open while the pointer travels into the card, and closes after it leaves', () => {
    h.c.process(10, 110, false);
    h.c.process(10, 200, false); // gap between claim and card
    h.advance(100);
    h.c.cardEnter();
    h.c.process(10, 220, true);
    h.advance(1000);
    expect(h.c.openIndices).toEqual([0]);
    h.c.cardLeave();
    h.advance(CLOSE_GRACE_MS);
    expect(h.c.openIndices).toBeNull();
  });

  it('closes on Escape only when open', () => {
    expect(h.c.key('Escape')).toBe(false);
    h.c.process(10, 110, false);
    expect(h.c.key('Enter')).toBe(false);
    expect(h.c.key('Escape')).toBe(true);
    expect(h.c.openIndices).toBeNull();
  });

  it('keeps a pinned card (popup jump) open without hover until a press elsewhere', () => {
    h.c.openPinned([2], h.RECTS[2]![0]!);
    h.c.process(700, 500, false);
    h.advance(5000);
    expect(h.c.openIndices).toEqual([2]);
    h.c.press(10, 310, false); // on the claim itself: stays
    expect(h.c.openIndices).toEqual([2]);
    h.c.press(700, 500, false);
    expect(h.c.openIndices).toBeNull();
  });

  it('a press inside the card never closes it', () => {
    h.c.process(10, 110, false);
    h.c.press(700, 500, true);
    expect(h.c.openIndices).toEqual([0]);
  });

  it('moves the card with its claim on scroll and closes it once the claim is off screen', () => {
    h.c.process(10, 310, false);
    h.RECTS[2] = [{ left: 0, top: 250, right: 200, bottom: 270 }];
    h.c.reposition();
    expect(h.shown.at(-1)).toEqual({ indices: [2], top: 250 });
    h.RECTS[2] = [{ left: 0, top: -80, right: 200, bottom: -60 }];
    h.c.reposition();
    expect(h.c.openIndices).toBeNull();
  });

  it('keeps a card with focus inside open against the pointer, until Escape or a press elsewhere', () => {
    h.c.process(10, 110, false);
    h.c.focusIn(); // e.g. the reader is typing a report
    h.c.process(10, 310, false); // over another claim: no switch
    h.advance(SWITCH_DELAY_MS * 3);
    h.c.process(700, 500, false); // away from claim and card: no close
    h.c.cardLeave();
    h.advance(CLOSE_GRACE_MS * 3);
    expect(h.c.openIndices).toEqual([0]);
    h.c.focusOut(); // focus went back to the page: pointer rules apply again
    h.c.process(700, 500, false);
    h.advance(CLOSE_GRACE_MS);
    expect(h.c.openIndices).toBeNull();
    h.c.openPinned([2], h.RECTS[2]![0]!);
    h.c.focusIn();
    expect(h.c.key('Escape')).toBe(true);
    expect(h.c.openIndices).toBeNull();
  });

  it('places a pinned card against the whole claim, every line of it, also after a scroll', () => {
    h.RECTS[7] = [{ left: 40, top: 400, right: 600, bottom: 420 }, { left: 0, top: 420, right: 300, bottom: 440 }];
    try {
      h.c.openPinned([7], h.RECTS[7]![0]!);
      expect(h.anchors.at(-1)).toEqual({ left: 0, top: 400, right: 600, bottom: 440 });
      h.RECTS[7] = [{ left: 40, top: 380, right: 600, bottom: 400 }, { left: 0, top: 400, right: 300, bottom: 420 }];
      h.c.reposition();
      expect(h.anchors.at(-1)).toEqual({ left: 0, top: 380, right: 600, bottom: 420 });
    } finally {
      delete h.RECTS[7];
    }
  });
});
