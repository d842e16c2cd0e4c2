/**
 * compromise is loaded on the first sentence that needs a parse: in the extension that is when the
 * background evaluates it (~0.2 s), so a page whose sentences settle every fact by their words
 * never pays for it.
 */
import { describe, expect, it, vi } from 'vitest';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('./compromise', async (original) => {
  const real = await original<typeof import('./compromise')>();
  return { ...real, loadCompromise: () => { loads.count++; return real.loadCompromise(); } };
});

const { createDetector } = await import('./detector');
const { sentenceFacts, warmNlp } = await import('./nlp');
const { loadKnowledge } = await import('../knowledge/load-node');

describe('loading compromise', () => {
  it('waits for a sentence that needs a parse, then happens once, with the treatment names taught', () => {
    const detector = createDetector(loadKnowledge());
    expect(detector.detect('Fillers are permanent for acne scars.').map((c) => c.topic)).toEqual(['permanence']);
    expect(detector.detect('Lemon juice fades acne scars.').map((c) => c.treatment)).toEqual(['home-remedy']);
    expect(loads.count).toBe(0);
    // Opens like a question, with no "?": compromise decides (a question, so no claim; the same
    // words as a statement are one).
    const post = 'My rolling acne scars are deep. ';
    const words = 'fix the rolling acne scars on my cheeks for good without any downtime at all';
    expect(detector.detect(`${post}Can fillers ${words}`)).toEqual([]);
    expect(loads.count).toBe(1);
    expect(detector.detect(`${post}Fillers ${words}`).length).toBeGreaterThan(0);
    // Four words or fewer: only a parse tells a label from a sentence. compromise alone reads
    // "plasmolifting" as a verb; taught the treatment names, as a noun (no verb: a label).
    expect(sentenceFacts('Plasmolifting and subcision.').fragment).toBe(true);
    warmNlp();
    expect(loads.count).toBe(1);
  });
});
