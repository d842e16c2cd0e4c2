/**
 * The design tokens and style sheets: px only (a page's root font size must not leak into the
 * shadow UI), and text at least 4.5:1 against every surface it sits on, in light and dark mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = import.meta.dirname;
const css = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

/** Custom properties of `.sc-theme`, light (first block) and dark (the prefers-color-scheme block). */
function tokens(): { light: Record<string, string>; dark: Record<string, string> } {
  const src = css('theme.css');
  const read = (block: string) => Object.fromEntries([...block.matchAll(/--sc-([a-z-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
  const lightBlock = src.slice(src.indexOf('.sc-theme {'), src.indexOf('@media (prefers-color-scheme: dark)'));
  const darkStart = src.indexOf('@media (prefers-color-scheme: dark)');
  const darkBlock = src.slice(darkStart, src.indexOf('\n}\n', darkStart));
  const light = read(lightBlock);
  return { light, dark: { ...light, ...read(darkBlock) } };
}

function luminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(m[1]!.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('style sheets', () => {
  it('use px, never rem (the shadow UI must not follow the page\'s root font size)', () => {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.css'))) {
      expect(css(f).replace(/\/\*[\s\S]*?\*\//g, ''), f).not.toMatch(/\d(?:\.\d+)?rem\b/);
    }
  });

  it('share one set of tokens: card, popup and options import theme.css', () => {
    for (const f of ['card.css', 'popup.css', 'options.css']) expect(css(f), f).toMatch(/@import '\.\/theme\.css';/);
  });
});

describe('text contrast >= 4.5:1', () => {
  const { light, dark } = tokens();
  const pairs: Array<[string, string]> = [
    ['text', 'bg'], ['text', 'surface'], ['text', 'hover'],
    ['muted', 'bg'], ['muted', 'surface'], ['muted', 'hover'],
    ['link', 'bg'], ['link', 'surface'], ['link', 'hover'],
    ['red-fg', 'red-bg'], ['amber-fg', 'amber-bg'], ['green-fg', 'green-bg'],
    ['red-fg', 'bg'], ['green-fg', 'bg'],
    ['on-brand', 'brand-strong'],
  ];
  for (const [scheme, t] of [['light', light], ['dark', dark]] as const) {
    for (const [fg, bg] of pairs) {
      it(`${scheme}: ${fg} on ${bg}`, () => {
        expect(contrast(t[fg]!, t[bg]!)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }
});
