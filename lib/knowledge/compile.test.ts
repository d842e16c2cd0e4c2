import { describe, expect, it } from 'vitest';
import { compileKnowledge, KnowledgeError } from './compile';
import { loadKnowledge, readKnowledgeFiles } from './load-node';
import { TREATMENT_IDS } from './schema';

const files = () => readKnowledgeFiles();
const problemsOf = (f: Record<string, string>): string[] => {
  try { compileKnowledge(f); return []; } catch (e) {
    if (e instanceof KnowledgeError) return e.problems;
    throw e;
  }
};
/** Edits one parsed JSON file and returns the files with the change. */
function edit(name: string, change: (data: any) => void): Record<string, string> {
  const f = files();
  const data = JSON.parse(f[name]!);
  change(data);
  return { ...f, [name]: JSON.stringify(data) };
}

describe('the bundled knowledge base', () => {
  it('is valid and covers every treatment id of the claim vocabulary', () => {
    const kb = loadKnowledge();
    expect(kb.treatments.map((t) => t.id).sort()).toEqual([...TREATMENT_IDS].sort());
    expect(kb.entries.length).toBeGreaterThan(0);
  });

  it('has a general fallback entry for every topic and polarity', () => {
    const kb = loadKnowledge();
    for (const topic of kb.lexicon.topics.map((t) => t.id)) {
      for (const polarity of ['pos', 'neg'] as const) {
        expect(kb.entries.some((e) => e.treatment === '*' && e.topic === topic && e.polarity === polarity && e.when === 'any'), `${topic}/${polarity}`).toBe(true);
      }
    }
  });
});

describe('a malformed knowledge file fails with the file, the entry and the field', () => {
  it('names an over-long note', () => {
    const f = edit('claims/filler.json', (d) => { d.claims[0].note = 'x'.repeat(281); });
    const id = JSON.parse(files()['claims/filler.json']!).claims[0].id;
    expect(problemsOf(f).join('\n')).toMatch(new RegExp(`claims/filler\\.json: entry "${id}" field "note"`));
  });

  it('names an unknown verdict id', () => {
    const f = edit('claims/laser.json', (d) => { d.claims[1].verdict = 'probably'; });
    expect(problemsOf(f).join('\n')).toMatch(/claims\/laser\.json: entry "[^"]+" field "verdict"/);
  });

  it('names a source id that does not exist', () => {
    const f = edit('claims/silicone.json', (d) => { d.claims[0].sources = ['S9999']; });
    expect(problemsOf(f).join('\n')).toMatch(/claims\/silicone\.json: entry "[^"]+" field "sources": unknown source S9999/);
  });

  it('names a duplicate entry id across files', () => {
    const dup = JSON.parse(files()['claims/filler.json']!).claims[0];
    const f = edit('claims/laser.json', (d) => { d.claims.push(dup); });
    expect(problemsOf(f).join('\n')).toMatch(new RegExp(`entry "${dup.id}" field "id": duplicate`));
  });

  it('names a pattern that is not a valid regular expression', () => {
    const f = edit('treatments.json', (d) => { d.treatments[0].aliases.push('fill(er'); });
    expect(problemsOf(f).join('\n')).toMatch(/treatments\.json: entry "filler" field "aliases\.\d+": is not a valid regular expression/);
  });

  it('names a missing treatment', () => {
    const f = edit('treatments.json', (d) => { d.treatments = d.treatments.filter((t: any) => t.id !== 'botox'); });
    expect(problemsOf(f).join('\n')).toMatch(/no entry for treatment "botox"/);
  });

  it('reports a file that is not JSON', () => {
    expect(problemsOf({ ...files(), 'lexicon.json': '{ not json' }).join('\n')).toMatch(/lexicon\.json: not valid JSON/);
  });

  it('rejects two entries that give different verdicts to the same claim', () => {
    const f = edit('claims/filler.json', (d) => {
      const e = d.claims[0];
      d.claims.push({ ...e, id: `${e.id}-twin`, verdict: e.verdict === 'false' ? 'supported' : 'false' });
    });
    expect(problemsOf(f).join('\n')).toMatch(/field "verdict": .* contradicts/);
  });
});
