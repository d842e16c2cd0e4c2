import { describe, expect, it } from 'vitest';
import { MIN_CARD_HEIGHT, placeCard } from './position';

const VP = { width: 1000, height: 700 };
const line = (top: number, left = 100) => ({ left, top, right: left + 300, bottom: top + 20 });

describe('placeCard', () => {
  it('goes below the claim when there is room', () => {
    expect(placeCard(line(100), { width: 340, height: 300 }, VP)).toEqual({ left: 100, top: 128, side: 'below' });
  });

  it('goes above when there is no room below', () => {
    expect(placeCard(line(600), { width: 340, height: 300 }, VP)).toEqual({ left: 100, top: 292, side: 'above' });
  });

  it('is clamped horizontally inside the viewport', () => {
    expect(placeCard(line(100, 900), { width: 340, height: 100 }, VP).left).toBe(652);
    expect(placeCard(line(100, -50), { width: 340, height: 100 }, VP).left).toBe(8);
  });

  it('shrinks into the roomier side when it fits neither way, never covering the claim', () => {
    const p = placeCard(line(300), { width: 340, height: 600 }, VP);
    expect(p.side).toBe('below');
    expect(p.top).toBe(328);
    expect(p.maxHeight).toBe(700 - 8 - 328);
    const q = placeCard(line(450), { width: 340, height: 600 }, VP);
    expect(q.side).toBe('above');
    expect(q.top + q.maxHeight!).toBe(450 - 8);
    expect(q.top).toBeGreaterThanOrEqual(8);
  });

  it('never shrinks below the minimum height', () => {
    const p = placeCard(line(60), { width: 340, height: 600 }, { width: 1000, height: 200 });
    expect(p.maxHeight).toBe(MIN_CARD_HEIGHT);
    expect(p.top + MIN_CARD_HEIGHT).toBeLessThanOrEqual(200 - 8);
  });
});
