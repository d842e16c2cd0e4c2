import nlp from 'compromise';

export type Nlp = typeof nlp;

/**
 * compromise itself. The extension's build replaces this module with one that evaluates
 * compromise on the first call (scripts/build/lazy-compromise.ts): evaluating it costs the waking
 * background ~190 ms, and most answers need no parse. Node (CLI, tests) imports it as it is.
 */
export function loadCompromise(): Nlp {
  return nlp;
}
