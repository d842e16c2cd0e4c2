// `npm run eval`: the detector's figures on the seeds and on our own dev corpus, with every miss
// and false positive listed, so a change to detection shows exactly what it gained and lost.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDetector } from '../../lib/detect';
import { loadKnowledge } from '../../lib/knowledge/load-node';
import { phenomena } from './phenomena';
import { score, type GoldRow, type Score } from './score';

const ROOT = path.resolve(import.meta.dirname, '../..');
const detector = createDetector(loadKnowledge());
const quiet = process.argv.includes('--quiet');

function readGold(file: string): GoldRow[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldRow);
}

export function evaluate(goldFile: string, pagesDir: string): Score {
  const gold = readGold(goldFile);
  const pages = new Map<string, { text: string; claims: ReturnType<typeof detector.detect> }>();
  for (const page of new Set(gold.map((g) => g.page))) {
    const text = readFileSync(path.join(pagesDir, page), 'utf8');
    pages.set(page, { text, claims: detector.detect(text) });
  }
  return score(pages, gold);
}

function print(name: string, s: Score): void {
  console.log(`\n# ${name}`);
  if (!quiet) {
    for (const [title, list] of [['misses', s.misses], ['false positives', s.falsePositives], ['treatment disagreements', s.badTreatments], ['verdict-tier disagreements', s.badVerdicts]] as const) {
      console.log(`--- ${title} (${list.length})`);
      for (const l of list) console.log(l);
    }
  }
  console.log(`goldClaims=${s.goldClaims} found=${s.hit} reported=${s.out} reportedOnClaims=${s.outOnClaim}`);
  console.log(`precision=${s.precision.toFixed(3)} recall=${s.recall.toFixed(3)} f1=${s.f1.toFixed(3)} treatment=${s.treatment.toFixed(3)} verdict-tier=${s.verdictTier.toFixed(3)}`);
}

const seedsGold = path.resolve(ROOT, '../shared/eval/seeds-gold.jsonl');
if (existsSync(seedsGold)) print('seeds (../shared/eval/seeds-gold.jsonl)', evaluate(seedsGold, path.resolve(ROOT, '../shared/seeds')));
else console.log('seeds: ../shared/eval not found, skipped');
const corpusDir = path.join(ROOT, 'tests/corpus');
if (existsSync(path.join(corpusDir, 'gold.jsonl'))) {
  print('dev corpus (tests/corpus)', evaluate(path.join(corpusDir, 'gold.jsonl'), path.join(corpusDir, 'pages')));
  // Pages written before the rules were tuned and never tuned against: a check of how far the dev
  // figures carry over to text the rules were not fitted to. Not part of the phenomenon floors.
  const heldOut = path.join(corpusDir, 'heldout.jsonl');
  if (existsSync(heldOut)) print('held-out pages (tests/corpus/heldout.jsonl)', evaluate(heldOut, path.join(corpusDir, 'pages')));
  console.log('\n# dev corpus by phenomenon (claim rows found; rows that are not claims left unmarked)');
  const rows = [...phenomena(detector, path.join(corpusDir, 'gold.jsonl'), path.join(corpusDir, 'pages')).values()].sort((a, b) => a.tag.localeCompare(b.tag));
  for (const f of rows) {
    const found = f.claimRows ? `found ${f.found}/${f.claimRows} (${(f.found / f.claimRows).toFixed(2)})` : '';
    const alone = f.plainRows ? `left alone ${f.leftAlone}/${f.plainRows} (${(f.leftAlone / f.plainRows).toFixed(2)})` : '';
    console.log(`${f.tag.padEnd(20)} ${found.padEnd(26)} ${alone}`);
  }
}
