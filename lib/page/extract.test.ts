import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { extractText, type ExtractedText } from './extract';

function dom(html: string): { body: HTMLElement; window: Window } {
  const window = new Window();
  window.document.body.innerHTML = html;
  return { body: window.document.body as unknown as HTMLElement, window };
}

const text = (html: string) => extractText(dom(html).body).text;

/** Every mapped character of the extracted text equals its source character (spaces map to whitespace). */
function checkMap(ext: ExtractedText): void {
  let mapped = 0;
  for (const run of ext.runs) {
    for (let i = 0; i < run.length; i++) {
      const out = ext.text[run.start + i]!;
      const src = run.node.data[run.offset + i]!;
      if (out === ' ') expect(src).toMatch(/\s/);
      else expect(src).toBe(out);
    }
    mapped += run.length;
  }
  // Unmapped characters are exactly the block separators.
  const separators = [...ext.text].filter((c) => c === '\n').length;
  expect(mapped + separators).toBe(ext.text.length);
}

describe('extractText: block boundaries', () => {
  it('separates block elements with one "\\n"', () => {
    expect(text('<h1>Scar guide</h1><p>First para.</p><ul><li>One</li><li>Two</li></ul><blockquote>Quote</blockquote>'))
      .toBe('Scar guide\nFirst para.\nOne\nTwo\nQuote');
  });

  it('adds no "\\n" inside an inline run', () => {
    expect(text('<p>Silicone <b>gel</b> <i>sheets</i> <a href="#">help</a> <span>scars</span>.</p>'))
      .toBe('Silicone gel sheets help scars.');
  });

  it('breaks around nested blocks and at <br>, but never doubles a break', () => {
    expect(text('<div>Intro<div>Inner</div>Tail</div><div><div><p>Deep</p></div></div>')).toBe('Intro\nInner\nTail\nDeep');
    expect(text('<p>Line one<br>Line two<br><br>Line three</p>')).toBe('Line one\nLine two\nLine three');
  });

  it('separates table cells and rows', () => {
    expect(text('<table><tr><th>Treatment</th><td>Laser</td></tr><tr><td>Peel</td></tr></table>')).toBe('Treatment\nLaser\nPeel');
  });

  it('treats elements the page displays as blocks as blocks', () => {
    expect(text('<span style="display:block">one</span><span style="display:block">two</span><span>three</span>')).toBe('one\ntwo\nthree');
  });
});

describe('extractText: skipped content', () => {
  it('skips form fields, code, scripts, styles and templates', () => {
    const html = '<p>Keep this.</p><input value="laser"><textarea>typed laser text</textarea>'
      + '<select><option>Laser</option></select><code>laser()</code><pre>laser\nblock</pre>'
      + '<script>var laser = 1;</script><style>.laser{}</style><noscript>laser</noscript>'
      + '<template><p>laser</p></template><svg><text>laser</text></svg><p>And this.</p>';
    expect(text(html)).toBe('Keep this.\nAnd this.');
  });

  it('skips editable regions unless contenteditable="false"', () => {
    expect(text('<div contenteditable>a</div><div contenteditable="true">b</div><div contenteditable="">c</div>'
      + '<div contenteditable="plaintext-only">d</div><div contenteditable="false">kept</div>')).toBe('kept');
  });

  it('skips hidden subtrees', () => {
    expect(text('<p>Seen.</p><p hidden>hidden attr</p><div aria-hidden="true">aria</div>'
      + '<p style="display:none">none</p><p style="visibility:hidden">invisible</p><p>Also seen.</p>')).toBe('Seen.\nAlso seen.');
    expect(text('<p>Visible <span style="display:none">secret </span>text.</p>')).toBe('Visible text.');
  });

  it('shows only the summary of a closed <details>', () => {
    expect(text('<details><summary>More</summary><p>Inside</p></details>')).toBe('More');
    expect(text('<details open><summary>More</summary><p>Inside</p></details>')).toBe('More\nInside');
  });

  it('skips what the caller says (our own UI host)', () => {
    const { body } = dom('<p>Page text.</p><scarcheck-ui>card text</scarcheck-ui>');
    expect(extractText(body, { skip: (el) => el.tagName === 'SCARCHECK-UI' }).text).toBe('Page text.');
  });
});

describe('extractText: whitespace', () => {
  it('collapses runs, source newlines and tabs to one space and trims line ends', () => {
    expect(text('<p>\n   Laser   resurfacing\n  helps\t acne   scars   </p>\n\n<p>  Next  </p>')).toBe('Laser resurfacing helps acne scars\nNext');
  });

  it('collapses across inline element boundaries', () => {
    expect(text('<p>a <b> b</b> <i> c </i> d</p>')).toBe('a b c d');
    expect(text('<p><b>bold</b><i>italic</i></p>')).toBe('bolditalic');
  });

  it('keeps non-breaking spaces as they render', () => {
    expect(text('<p>10\u00a0mg</p>')).toBe('10\u00a0mg');
  });

  it('follows white-space: pre-line and pre-wrap', () => {
    expect(text('<div style="white-space:pre-line">one   two\nthree</div>')).toBe('one two\nthree');
    expect(text('<div style="white-space:pre-wrap">one  two\nthree</div>')).toBe('one  two\nthree');
  });

  it('extracts a page of one block per .txt line as the lines joined by "\\n"', () => {
    const lines = ['How silicone gel helps scars', 'Silicone gel is the first-line treatment for raised scars.',
      '- Apply twice a day.', 'Results: "smoother" skin & less itching <in weeks>.'];
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const html = `<h1>${esc(lines[0]!)}</h1>\n${lines.slice(1).map((l) => `<p>${esc(l)}</p>`).join('\n')}\n<script>x=1</script>`;
    expect(text(html)).toBe(lines.join('\n'));
  });
});

describe('extractText: offset map', () => {
  it('maps every character back to its text node and offset', () => {
    const { body } = dom('<h1>Title  here</h1><p>\n  Silicone <b>gel</b>\n sheets</p><ul><li>one</li></ul>');
    const ext = extractText(body);
    expect(ext.text).toBe('Title here\nSilicone gel sheets\none');
    checkMap(ext);
    const at = (i: number) => ext.runs.find((r) => i >= r.start && i < r.start + r.length)!;
    const g = ext.text.indexOf('gel');
    expect(at(g).node.data).toBe('gel');
    expect(at(g).node.parentElement?.tagName).toBe('B');
    const s = ext.text.indexOf('sheets');
    const run = at(s);
    expect(run.node.data.slice(run.offset + (s - run.start), run.offset + (s - run.start) + 6)).toBe('sheets');
    // The block separator belongs to no node.
    expect(at(ext.text.indexOf('\n'))).toBeUndefined();
  });

  it('keeps runs sorted and non-overlapping', () => {
    const { body } = dom('<p>a  b <i>c</i>  d</p><p>e</p>');
    const ext = extractText(body);
    checkMap(ext);
    for (let i = 1; i < ext.runs.length; i++) {
      const prev = ext.runs[i - 1]!;
      expect(ext.runs[i]!.start).toBeGreaterThanOrEqual(prev.start + prev.length);
    }
  });

  it('works without computed styles (tags, attributes and inline styles only)', () => {
    const { body } = dom('<style>.gone{display:none}</style><p>One <span style="display:none">x</span>two <span class="gone">y</span>three</p>'
      + '<p hidden>h</p><span style="display: block">four</span><span>five</span>');
    expect(extractText(body, { getComputedStyle: null }).text).toBe('One two ythree\nfour\nfive');
  });

  it('does not modify the DOM', () => {
    const { body } = dom('<p>Laser  <b>resurfacing</b></p><div contenteditable>x</div>');
    const before = body.innerHTML;
    extractText(body);
    expect(body.innerHTML).toBe(before);
  });
});
