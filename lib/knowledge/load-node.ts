import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileKnowledge, type KnowledgeBase, type KnowledgeFiles } from './compile';

export const KNOWLEDGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');

/** Reads knowledge/ (sources, treatments, lexicon, claims/*) as raw text keyed by relative path. */
export function readKnowledgeFiles(dir = KNOWLEDGE_DIR): KnowledgeFiles {
  const files: KnowledgeFiles = {};
  for (const name of readdirSync(dir)) if (name.endsWith('.json')) files[name] = readFileSync(path.join(dir, name), 'utf8');
  const claimsDir = path.join(dir, 'claims');
  for (const name of readdirSync(claimsDir)) if (name.endsWith('.json')) files[`claims/${name}`] = readFileSync(path.join(claimsDir, name), 'utf8');
  return files;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(KNOWLEDGE_DIR, '../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

let cached: KnowledgeBase | undefined;
/** The knowledge base, validated from source files (Node contexts: CLI, tests, build). */
export function loadKnowledge(): KnowledgeBase {
  cached ??= compileKnowledge(readKnowledgeFiles(), packageVersion());
  return cached;
}
