// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { follows, regionsOf } from './blocks';

const post = (i: number, paras: string[]) =>
  `<article id="a${i}"><header>user_${i} · 2h</header><div class="body">${paras.map((p, k) => `<p id="p${i}-${k}">${p}</p>`).join('')}</div>`
  + `<footer id="f${i}">Reply · Quote</footer></article>\n`;

function thread(n: number, paras = ['Fraxel fixed my scars.', 'It took a week.']): void {
  document.body.innerHTML = `<main>${Array.from({ length: n }, (_, i) => post(i, paras)).join('')}</main><aside><p>Sidebar</p></aside>`;
}
const $ = (id: string) => document.getElementById(id)!;
const ids = (runs: Element[][]) => runs.map((r) => r.map((el) => el.id));

describe('follows', () => {
  it('sees a post footer follow its last paragraph and a post follow the one before, across levels and whitespace', () => {
    thread(3);
    expect(follows($('p0-1'), $('f0'))).toBe(true);
    expect(follows($('f0'), $('a1'))).toBe(true);
    expect(follows($('p0-0'), $('f0'))).toBe(false); // the second paragraph stands between
    expect(follows($('a0'), $('a2'))).toBe(false);
  });

  it('does not join blocks with text between them', () => {
    document.body.innerHTML = '<div><p id="x">One</p>loose text<p id="y">Two</p></div>';
    expect(follows($('x'), $('y'))).toBe(false);
  });
});

describe('regionsOf', () => {
  it('reads a thread dense with treatment talk as few regions instead of one per level of markup', () => {
    thread(6);
    const hits = Array.from({ length: 6 }, (_, i) => $(`p${i}-0`));
    const cut = ids(regionsOf(hits, 3));
    const merged = ids(regionsOf(hits, 3, undefined, 100_000));
    // Unmerged: the first post's paragraphs, its footer, the posts after it.
    expect(cut.length).toBe(3);
    expect(merged).toEqual([[...cut.flat()]]);
  });

  it('keeps runs apart when joining them would pass the most characters a region may hold', () => {
    thread(6);
    const hits = Array.from({ length: 6 }, (_, i) => $(`p${i}-0`));
    const para = ($('p0-0').textContent ?? '').length;
    expect(ids(regionsOf(hits, 3, undefined, para))).toEqual(ids(regionsOf(hits, 3)));
  });
});
