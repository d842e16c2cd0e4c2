import { describe, expect, it } from 'vitest';
import { pickClaim, type NavItem } from './navigate';

// Claims 10..14 in document order; the viewport (height 500) shows 11 and 12.
const items: NavItem[] = [
  { index: 10, top: -400, bottom: -380 },
  { index: 11, top: 40, bottom: 60 },
  { index: 12, top: 300, bottom: 320 },
  { index: 13, top: 900, bottom: 920 },
  { index: 14, top: 1500, bottom: 1520 },
];

describe('pickClaim', () => {
  it('starts from the viewport: next is the first claim on screen, previous the last one above it', () => {
    expect(pickClaim(items, null, false, 'next', 500)).toBe(11);
    expect(pickClaim(items, null, false, 'previous', 500)).toBe(10);
  });

  it('steps from the claim the reader is on, in document order', () => {
    expect(pickClaim(items, 11, false, 'next', 500)).toBe(12);
    expect(pickClaim(items, 12, false, 'previous', 500)).toBe(11);
    // The open card keeps the reader on its claim even when it is off screen.
    expect(pickClaim(items, 13, true, 'next', 500)).toBe(14);
  });

  it('wraps around at both ends', () => {
    expect(pickClaim(items, 14, true, 'next', 500)).toBe(10);
    expect(pickClaim(items, 10, true, 'previous', 500)).toBe(14);
    const below = items.map((it) => ({ ...it, top: it.top - 5000, bottom: it.bottom - 5000 }));
    expect(pickClaim(below, null, false, 'next', 500)).toBe(10);
    const above = items.map((it) => ({ ...it, top: it.top + 5000, bottom: it.bottom + 5000 }));
    expect(pickClaim(above, null, false, 'previous', 500)).toBe(14);
  });

  it('starts from the viewport again once the reader scrolled away from the last claim', () => {
    expect(pickClaim(items, 14, false, 'next', 500)).toBe(11);
    expect(pickClaim(items, 99, false, 'next', 500)).toBe(11);
  });

  it('has nothing to go to on a page without claims', () => {
    expect(pickClaim([], null, false, 'next', 500)).toBeNull();
  });
});
