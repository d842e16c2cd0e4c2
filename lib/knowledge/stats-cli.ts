// `npm run kb:stats`: what the bundled knowledge base holds.
import { KnowledgeError } from './compile';
import { loadKnowledge } from './load-node';
import { VERDICT_IDS } from './schema';

try {
  const kb = loadKnowledge();
  const specific = kb.entries.filter((e) => e.treatment !== '*');
  const cited = new Set(kb.entries.flatMap((e) => e.sources));
  console.log(`knowledge base v${kb.version}, reviewed ${kb.reviewed}`);
  console.log(`claim entries:    ${kb.entries.length} (${specific.length} treatment-specific, ${kb.entries.length - specific.length} general fallbacks)`);
  console.log(`treatment cards:  ${kb.treatments.length}`);
  console.log(`sources:          ${Object.keys(kb.sources).length} (${cited.size} cited by entries)`);
  console.log('entries per verdict:');
  for (const v of VERDICT_IDS) console.log(`  ${v.padEnd(12)} ${kb.entries.filter((e) => e.verdict === v).length}`);
  console.log('entries per treatment:');
  for (const t of kb.treatments) console.log(`  ${t.id.padEnd(22)} ${kb.entries.filter((e) => e.treatment === t.id).length}`);
} catch (e) {
  if (e instanceof KnowledgeError) { console.error(e.message); process.exit(1); }
  throw e;
}
