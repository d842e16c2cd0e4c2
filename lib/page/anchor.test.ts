import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { boundariesFor, endPoint, startPoint, textOf, toRange, toStaticRange } from './anchor';
import { extractText } from './extract';

function page(html: string) {
  const window = new Window();
  window.document.body.innerHTML = html;
  const body = window.document.body as unknown as HTMLElement;
  return { body, ext: extractText(body) };
}

const span = (text: string, needle: string): [number, number] => {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${text}`);
  return [i, i + needle.length];
};

describe('anchor', () => {
  it('maps a span inside one text node', () => {
    const { ext } = page('<p>Laser resurfacing helps acne scars.</p>');
    const b = boundariesFor(ext, ...span(ext.text, 'resurfacing helps'))!;
    expect(b.startContainer).toBe(b.endContainer);
    expect([b.startOffset, b.endOffset]).toEqual([6, 23]);
    expect(textOf(b)).toBe('resurfacing helps');
  });

  it('maps a range across an inline <b>', () => {
    const { ext } = page('<p>Silicone <b>gel sheets</b> flatten raised scars.</p>');
    const b = boundariesFor(ext, ...span(ext.text, 'gel sheets flatten'))!;
    expect(b.startContainer.data).toBe('gel sheets');
    expect(b.startOffset).toBe(0);
    expect(b.endContainer.data).toBe(' flatten raised scars.');
    expect(b.endOffset).toBe(8);
    expect(textOf(b)).toBe('gel sheets flatten');
  });

  it('maps through collapsed whitespace', () => {
    const { ext } = page('<p>\n   Fillers\n     last   forever.  </p>');
    expect(ext.text).toBe('Fillers last forever.');
    const b = boundariesFor(ext, 0, ext.text.length)!;
    expect(b.startOffset).toBe(4);
    expect(textOf(b).replace(/\s+/g, ' ')).toBe('Fillers last forever.');
    const w = boundariesFor(ext, ...span(ext.text, 'forever'))!;
    expect(w.startContainer.data.slice(w.startOffset, w.endOffset)).toBe('forever');
  });

  it('spans block boundaries', () => {
    const { ext } = page('<h1>Microneedling</h1><p>It removes scars for good.</p>');
    const b = boundariesFor(ext, 0, ext.text.length)!;
    expect(b.startContainer.parentElement?.tagName).toBe('H1');
    expect(b.endContainer.parentElement?.tagName).toBe('P');
    expect(b.endOffset).toBe('It removes scars for good.'.length);
  });

  it('moves a start on a separator forward and an end on a separator back', () => {
    const { ext } = page('<p>One.</p><p>Two.</p>');
    const nl = ext.text.indexOf('\n');
    expect(startPoint(ext, nl)).toMatchObject({ offset: 0 });
    expect(startPoint(ext, nl)!.node.data).toBe('Two.');
    expect(endPoint(ext, nl + 1)).toMatchObject({ offset: 4 });
    expect(endPoint(ext, nl + 1)!.node.data).toBe('One.');
    expect(textOf(boundariesFor(ext, nl, ext.text.length)!)).toBe('Two.');
    expect(textOf(boundariesFor(ext, 0, nl + 1)!)).toBe('One.');
  });

  it('returns null for spans with no page text', () => {
    const { ext } = page('<p>One.</p><p>Two.</p>');
    const nl = ext.text.indexOf('\n');
    expect(boundariesFor(ext, nl, nl + 1)).toBeNull();
    expect(boundariesFor(ext, 2, 2)).toBeNull();
    expect(boundariesFor(ext, 100, 120)).toBeNull();
  });

  it('builds live ranges, and a range where StaticRange is missing', () => {
    const { ext } = page('<p>Steroid <i>injections</i> flatten keloids.</p>');
    const b = boundariesFor(ext, ...span(ext.text, 'injections flatten'))!;
    expect(toRange(b).toString()).toBe('injections flatten');
    const r = toStaticRange(b);
    expect(r.startContainer).toBe(b.startContainer);
    expect(r.endOffset).toBe(b.endOffset);
  });

  it('resolves every claim-like span of a multi-block page to the same text', () => {
    const { ext } = page('<h1>Acne  scars</h1><p>Laser <b>helps</b>.\n Peels   <em>may</em> help.</p><ul><li>Fillers last.</li></ul>');
    for (const needle of ['Acne scars', 'Laser helps.', 'Peels may help.', 'Fillers last.', 'helps. Peels']) {
      const b = boundariesFor(ext, ...span(ext.text, needle))!;
      expect(textOf(b).replace(/\s+/g, ' ')).toBe(needle);
    }
  });
});
