import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { DomWatcher, isTextMutation, type Changes, type WatchOptions } from './watch';

function setup(opts?: Partial<WatchOptions>) {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let id = 0;
  const fired: number[] = [];
  const changes: Changes[] = [];
  const window = new Window();
  const body = window.document.body as unknown as HTMLElement;
  body.innerHTML = '<p id="a">Hello</p><div contenteditable><p>typing</p></div>';
  const w = new DomWatcher(body, (c) => { fired.push(now); changes.push(c); }, {
    setTimeout: (fn, ms) => { timers.set(++id, { at: now + ms, fn }); return id; },
    clearTimeout: (i) => { timers.delete(i); },
    now: () => now,
  }, { quietMs: 100, maxWaitMs: 300, minIntervalMs: 200, maxIntervalMs: 1600, maxNodes: 5, ...opts });
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      now = next[1].at;
      timers.delete(next[0]);
      next[1].fn();
    }
    now = end;
  };
  const doc = window.document as unknown as Document;
  const p = doc.getElementById('a')!;
  const added = (n: Node, target: Node = p) => ({ type: 'childList' as const, target, addedNodes: [n] as unknown as NodeList, removedNodes: [] as unknown as NodeList });
  return { w, fired, changes, advance, doc, p, added };
}

describe('isTextMutation', () => {
  it('counts visible text and elements, not scripts, whitespace or typing', () => {
    const { doc, p, added } = setup();
    expect(isTextMutation(added(doc.createTextNode('new text')))).toBe(true);
    expect(isTextMutation(added(doc.createElement('div')))).toBe(true);
    expect(isTextMutation(added(doc.createTextNode('  \n ')))).toBe(false);
    expect(isTextMutation(added(doc.createElement('script')))).toBe(false);
    const editable = doc.querySelector('[contenteditable] p')!;
    expect(isTextMutation(added(doc.createTextNode('typed'), editable))).toBe(false);
    expect(isTextMutation({ type: 'characterData', target: p.firstChild!, addedNodes: [] as unknown as NodeList, removedNodes: [] as unknown as NodeList })).toBe(true);
  });
});

describe('DomWatcher', () => {
  it('calls back once the DOM is quiet, respecting the minimum interval since the first analysis', () => {
    const { w, fired, advance, doc, added } = setup();
    w.onRecords([added(doc.createTextNode('x'))]);
    advance(150);
    expect(fired).toEqual([]); // quiet at 100, but the initial analysis ran at 0 (interval 200)
    advance(100);
    expect(fired).toEqual([200]);
  });

  it('debounces bursts but not beyond the maximum wait', () => {
    const { w, fired, advance, doc, added } = setup({ minIntervalMs: 0 });
    for (let t = 0; t < 10; t++) { w.onRecords([added(doc.createTextNode('x'))]); advance(50); }
    expect(fired).toEqual([300]);
  });

  it('ignores irrelevant mutations', () => {
    const { w, fired, advance, doc, added } = setup();
    w.onRecords([added(doc.createElement('style'))]);
    advance(1000);
    expect(fired).toEqual([]);
  });

  it('hands over the nodes that changed, and asks for a full re-read when there are too many', () => {
    const { w, changes, advance, doc, p, added } = setup({ minIntervalMs: 0 });
    const a = doc.createElement('div'), b = doc.createTextNode('new post');
    w.onRecords([added(a), added(b), { type: 'characterData', target: p.firstChild!, addedNodes: [] as unknown as NodeList, removedNodes: [] as unknown as NodeList }]);
    advance(200);
    expect(changes).toHaveLength(1);
    expect([...changes[0]!.nodes]).toEqual([a, b, p.firstChild]);
    expect(changes[0]!.all).toBe(false);
    w.onRecords(Array.from({ length: 8 }, () => added(doc.createElement('div'))));
    advance(400);
    expect(changes[1]!.all).toBe(true);
  });

  it('backs off a page that never stops changing, and relaxes once it calms down', () => {
    const { w, fired, advance, doc, added } = setup();
    // A change every 50 ms for 10 s.
    for (let t = 0; t < 200; t++) { w.onRecords([added(doc.createTextNode('tick'))]); advance(50); }
    const gaps = fired.slice(1).map((t, i) => t - fired[i]!);
    expect(gaps[0]).toBeLessThanOrEqual(300);
    expect(gaps.at(-1)).toBe(1600); // the ceiling
    expect(fired.length).toBeLessThan(20);
    // Quiet for a while, then one change: read again after the short delay.
    advance(5000);
    const before = fired.length;
    w.onRecords([added(doc.createTextNode('late reply'))]);
    advance(300);
    expect(fired.length).toBe(before + 1);
  });
});
