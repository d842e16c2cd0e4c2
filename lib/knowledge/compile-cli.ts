// Build step: validate knowledge/ and write the compact form the extension bundles.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KnowledgeError } from './compile';
import { KNOWLEDGE_DIR, loadKnowledge } from './load-node';

try {
  const kb = loadKnowledge();
  const out = path.join(KNOWLEDGE_DIR, '../lib/knowledge/generated/kb.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(kb));
  // The content script loads only this: enough to decide whether a page needs the detector.
  const prefilter = { aliases: kb.treatments.flatMap((t) => t.aliases) };
  writeFileSync(path.join(path.dirname(out), 'prefilter.json'), JSON.stringify(prefilter));
} catch (e) {
  if (e instanceof KnowledgeError) { console.error(e.message); process.exit(1); }
  throw e;
}
