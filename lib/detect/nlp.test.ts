import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load-node';
import { installPlugin, opensWithScene, PSEUDO_CLEFT, QUESTION_START, sentenceFacts, warmNlp } from './nlp';

installPlugin(loadKnowledge());
// The package the reference parses below use, taught the treatment names as the detector's is.
warmNlp();

/** Every fact from a full parse, as the detector read them before facts were lazy. */
function parsedFacts(text: string) {
  const trimmed = text.trim();
  const doc = nlp(trimmed);
  doc.compute('chunks');
  const opens = QUESTION_START.test(trimmed) && !PSEUDO_CLEFT.test(trimmed);
  return {
    question: /\?["'”’)\]]*$/u.test(trimmed) || (opens && doc.questions().length > 0),
    fragment: doc.terms().length <= 4 && !doc.has('#Verb'),
    past: doc.has('#PastTense'),
  };
}

const SENTENCES = [
  'Fillers are permanent.', 'Fillers may last a year.', "I'll never do microneedling again.", "It won't fix ice pick scars.",
  "You can't remove scars completely.", 'Subcision cannot fix boxcar scars.', "I'd say lasers work best.", 'You had better avoid the sun.',
  'I have read that PRP heals scars.', 'It shoould work in one session.', 'Mäy help a little.', 'Would fillers help rolling scars',
  'What helped me was subcision.', 'Keloid and hypertrophic scars.', 'Scars gone!', 'Microneedling got rid of my scars.',
  'This gel fades old scars in two weeks', 'Will Sculptra last forever?', 'Laser resurfacing totally erased my pits.',
  'I read on another forum that fillers last.', "I've read PRP heals scars.", 'I HAVE READ IT',
  'When injected into pitted scars by a dermatologist, fillers raise the skin', 'When will the redness fade',
  // A scene, then a question: compromise decides.
  'Where the scar is deep, is TCA CROSS better', 'When the scars are old, is laser enough', 'When it comes to fillers, do they last',
  'where the scars are deep, is subcision permanent', 'When done right, subcision works. Is it permanent', 'When done right, it lasts, or not',
];

describe('sentence facts', () => {
  it('are what a full compromise parse says, for every fact, while parsing only when the words leave it open', () => {
    for (const s of SENTENCES) {
      const lazy = sentenceFacts(s);
      expect({ question: lazy.question, fragment: lazy.fragment, past: lazy.past }, s).toEqual(parsedFacts(s));
    }
  });

  it('skip compromise for a scene-setting clause before a statement: compromise does not call it a question either', () => {
    const scenes = [
      'When injected into pitted scars by a dermatologist, fillers raise the skin.', 'When done right, subcision releases rolling scars',
      'Where the scar is deep, TCA CROSS works better', 'When you stop the cream, the scars come back',
      'When it comes to ice picks, punch excision is the best option', 'WHEN HEALED, THE SKIN LOOKS SMOOTHER',
    ];
    for (const s of scenes) {
      expect(opensWithScene(s), s).toBe(true);
      const doc = nlp(s);
      doc.compute('chunks');
      expect(doc.questions().length, s).toBe(0);
    }
    for (const s of ['When will the redness fade', 'Where the scar is deep, is TCA CROSS better', 'When done, does it hurt', 'When healed, it is smooth, or not', 'When done, is it smooth?']) {
      expect(opensWithScene(s), s).toBe(false);
    }
  });
});
