import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load-node';
import { tierOf } from '../knowledge/schema';
import { createDetector } from './detector';

const detector = createDetector(loadKnowledge());
/** Claims stand only near talk of scars (see SCAR_BEFORE); tests put one sentence of it first. */
const ON_SCAR_PAGE = 'This thread is about acne scars.\n';
const detect = (text: string) => detector.detect(ON_SCAR_PAGE + text).map((c) => ({ ...c, start: c.start - ON_SCAR_PAGE.length, end: c.end - ON_SCAR_PAGE.length }));
const only = (text: string, treatment?: string) => {
  const claims = detect(text).filter((c) => !treatment || c.treatment === treatment);
  expect(claims.length, `claims in: ${text}`).toBeGreaterThan(0);
  return claims;
};

describe('offsets', () => {
  it('give back exactly the claim text, across lines and non-ASCII text', () => {
    const text = 'Intro line here\n“Quote” first. Fillers are permanent — totally.\nAnd Dermatix works great on old scars!';
    const claims = detect(text);
    expect(claims.length).toBeGreaterThanOrEqual(2);
    for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.text);
  });
});

describe('negation and reversal', () => {
  it('marks "fillers are permanent" red and "fillers are not permanent" green', () => {
    const pos = only('Fillers are permanent.', 'filler').find((c) => c.topic === 'permanence')!;
    const neg = only('Fillers are not permanent.', 'filler').find((c) => c.topic === 'permanence')!;
    expect(tierOf(pos.verdict)).toBe('red');
    expect(tierOf(neg.verdict)).toBe('green');
  });

  it('reads "no downtime" as a safety claim, not a report of downtime', () => {
    const c = only('Morpheus8 has no downtime at all.', 'rf-microneedling').find((x) => x.topic === 'safety')!;
    expect(c.entryId).toMatch(/pos/);
  });

  it('treats "did nothing" as a claim that the treatment did not work', () => {
    const c = only('Dermaroller did nothing for my boxcars.', 'microneedling').find((x) => x.topic === 'efficacy')!;
    expect(c.entryId).toMatch(/neg/);
  });
});

describe('hedges', () => {
  it('keeps a hedged claim and flags it', () => {
    const c = only('Microneedling may help with rolling scars.', 'microneedling');
    expect(c.every((x) => x.hedged)).toBe(true);
  });

  it.each([
    ['Fillers would help rolling scars for a while.', true],
    ['Subcision should improve rolling scars after a few sessions.', true],
    ['Microneedling can improve shallow acne scars.', true],
    // Modal verbs that insist are no hedge.
    ['Fraxel will make acne scars disappear.', false],
    ['Subcision cannot fix boxcar scars.', false],
    ["Bio-oil can't fix old acne scars.", false],
    ['Bio-oil canʼt fix old acne scars.', false],
    ['You must do microneedling to get rid of acne scars.', false],
  ])('flags a claim softened by a modal, and only then: %s', (s, hedged) => {
    const c = detect(s);
    expect(c.length).toBeGreaterThan(0);
    expect(c.map((x) => x.hedged)).toEqual(c.map(() => hedged));
  });
});

describe('questions and headings are not claims', () => {
  it.each(['Are fillers permanent?', 'Does TCA CROSS work on ice pick scars?', 'how long does microneedling last',
    'where the scars are deep, is subcision permanent'])('%s', (q) => {
    expect(detect(q)).toEqual([]);
  });

  it('skips a heading that names a treatment', () => {
    const texts = detect('Laser resurfacing for acne scars\nIt improves rolling scars in most people.').map((c) => c.text);
    expect([...new Set(texts)]).toEqual(['It improves rolling scars in most people.']);
  });
});

describe('questions and their answers', () => {
  it('reads "No" after "Is filler permanent?" as the claim that fillers are not permanent', () => {
    const claims = detect('Is filler permanent?\nAnswered by a dermatologist · 2 days ago\nNo, the gel is broken down over months.');
    const answer = claims.find((c) => c.text.startsWith('No,'))!;
    expect(answer.treatment).toBe('filler');
    expect(answer.topic).toBe('permanence');
    expect(tierOf(answer.verdict)).toBe('green');
  });

  it('reads "Yes" as confirming what was asked', () => {
    const claims = detect('Are fillers permanent?\nYes, totally.');
    const answer = claims.find((c) => c.text === 'Yes, totally.')!;
    expect([answer.treatment, answer.topic, tierOf(answer.verdict)]).toEqual(['filler', 'permanence', 'red']);
  });
});

describe('treatment carried over from the sentence before', () => {
  it('gives "it" the treatment named just before', () => {
    const claims = detect('I tried subcision last year. It completely removed my rolling scars.');
    const second = claims.filter((c) => c.text.startsWith('It'));
    expect(second.map((c) => c.treatment)).toContain('subcision');
    expect(second.every((c) => c.carried)).toBe(true);
  });

  it('gives "the procedure" the treatment named in the heading', () => {
    const claims = detect('TCA CROSS\nThe procedure fills ice pick scars over several sessions.');
    expect(claims.map((c) => c.treatment)).toContain('tca-cross');
  });
});

describe('brand names and abbreviations', () => {
  it.each([
    ['Juvederm lifted my rolling scars right away.', 'filler'],
    ['Bellafill lasts up to five years.', 'pmma-filler'],
    ['Sculptra gradually improved my rolling scars.', 'biostimulatory-filler'],
    ['Morpheus8 smoothed my cheeks.', 'rf-microneedling'],
    ['Dermatix works great on raised scars.', 'silicone'],
    ['Fraxel Repair is very effective for deep scars.', 'ablative-laser'],
    ['Fraxel improved my texture a lot.', 'nonablative-laser'],
    ['The CO2 laser helped my boxcar scars.', 'ablative-laser'],
    ['Mederma fades scars in weeks.', 'onion-extract'],
    ['TCA CROSS works well on ice picks.', 'tca-cross'],
    ['A glycolic peel improves shallow scars.', 'chemical-peel'],
    ['PRP boosts microneedling results.', 'prp'],
  ])('%s -> %s', (text, treatment) => {
    expect(detect(text).map((c) => c.treatment)).toContain(treatment);
  });
});

describe('lists are not claims', () => {
  it('skips a sentence that only lists treatments used for scars', () => {
    expect(detect('Common ways of treating scars are mesotherapy, microneedling, chemical peels and fillers.')).toEqual([]);
  });

  it('still reads a list that says something specific about its treatments', () => {
    expect(detect('Mesotherapy, microneedling and chemical peels all have some downtime.').map((c) => c.topic)).toContain('safety');
  });

  it('does not take ingredients in brackets for the treatment', () => {
    const claims = detect('The injections use improving preparations (aloe extract, retinoic acid, vitamin C) and mesotherapy smooths scars.');
    expect(claims.map((c) => c.treatment)).toEqual(expect.arrayContaining(['mesotherapy']));
    expect(claims.map((c) => c.treatment)).not.toContain('home-remedy');
    expect(claims.map((c) => c.treatment)).not.toContain('retinoid');
  });
});

describe('misspelled treatment names', () => {
  it.each([
    ['i did subscision twice and my rolling scars came back', 'subcision'],
    ['microneedeling made my acne scars look smoother', 'microneedling'],
    ['dermabraison left my scars less deep', 'dermabrasion'],
  ])('%s -> %s', (text, treatment) => {
    expect(detect(text).map((c) => c.treatment)).toContain(treatment);
  });

  it('does not take ordinary words for names', () => {
    expect(detect('The treatment was expensive but my scars improved a lot.').map((c) => c.treatment)).toEqual([]);
  });
});

describe('bare mentions are not claims', () => {
  it.each(['I booked a Fraxel consult for Friday.', 'My sister works at a clinic that sells Bellafill.', 'Sculptra rebuilds collagen.'])('%s', (t) => {
    expect(detect(t)).toEqual([]);
  });
});

describe('scar context', () => {
  it('leaves filler and laser talk alone on pages that are not about scars', () => {
    expect(detector.detect('Lip filler lasts about six months.\nOur fillers are permanent and safe.\nThe laser printer works great.')).toEqual([]);
  });
});

describe('a text with no scar-treatment vocabulary', () => {
  it('has no claims', () => {
    expect(detect('The weather was lovely and we baked bread. It worked perfectly and was completely gone by noon.')).toEqual([]);
  });
});

describe('intentions, advice and reported speech', () => {
  it('does not read a hoped-for result as a reported one', () => {
    expect(detect('I used Dermatix gel to smooth out a scar after a burn.')).toEqual([]);
    expect(detect('Fraxel was booked. I decided to get rid of this problem for good.').filter((c) => c.topic === 'complete-removal')).toEqual([]);
  });

  it('does not carry a treatment into general advice with an expletive "it"', () => {
    expect(detect('Fillers fill my pits.\nIt is better to wait a year and then decide for good.').filter((c) => c.text.startsWith('It is better'))).toEqual([]);
  });

  it('gives "my derm said" the verdict of what the derm said, not an anecdote\'s', () => {
    const c = only('My derm said vitamin E oil does nothing for scars.', 'vitamin-e').find((x) => x.topic === 'efficacy')!;
    expect(c.anecdote).toBe(false);
  });

  it('judges a first-person report of no result as an anecdote', () => {
    const c = only('Honestly vitamin E oil did nothing for my boxcars.', 'vitamin-e').find((x) => x.topic === 'efficacy')!;
    expect(c.verdict).toBe('unsupported');
  });

  it('keeps a personal story going in its paragraph', () => {
    const c = detect('I tried lemon juice masks for a month. Pits stayed the same.').find((x) => x.text === 'Pits stayed the same.')!;
    expect(c.anecdote).toBe(true);
  });
});

describe('subjects and comparators', () => {
  it('reads "better than any laser" as a claim about the page\'s treatment', () => {
    const text = 'Morpheus8 for acne scars\nMorpheus8 improves rolling scars. Morpheus8 has little downtime. Morpheus8 needs three sessions.\n- Works better than any laser';
    expect(detect(text).find((c) => c.text === 'Works better than any laser')?.treatment).toBe('rf-microneedling');
  });

  it('keeps a claim in its own clause next to a price', () => {
    const claims = detect('Has anyone tried Bellafill for rolling scars?\nMy clinic quoted $1,200 per syringe and the nurse swore it is permanent.');
    expect(claims.some((c) => c.treatment === 'pmma-filler' && c.topic === 'permanence')).toBe(true);
  });

  it('reads "if the scar is very deep" as a scar-type claim', () => {
    expect(only('If the atrophic scar is very deep, the doctor may suggest subcision.', 'subcision').some((c) => c.topic === 'scar-type')).toBe(true);
  });

  it('leaves mechanism talk about blood flow alone', () => {
    expect(detect('Kelofibrase improves blood flow in tissues.')).toEqual([]);
  });

  it('does not count a pan with pits as scar talk', () => {
    expect(detector.detect('My cast iron pan has pits and craters.\nOat filler works too if you need it gluten-free.')).toEqual([]);
  });
});

describe('threads, posts and stories', () => {
  it('does not count bylines as distance between a question and its answer', () => {
    const text = 'Q: Do fat grafts into acne scars last?\nAsked by sam_k, 41\nAnswered by Dr. Lee · 2 days ago\nMuch of the graft gets reabsorbed, so a second round is common.';
    expect(detect(text).some((c) => c.treatment === 'fat-transfer' && c.topic === 'permanence')).toBe(true);
  });

  it('reads a quoted line of a reply as text, not as a title', () => {
    const text = 'my derm put Dysport around my chin scars\nu/nurse_amy · 3h\n> it wore off after a while\nthat is normal, it always wears off';
    expect(detect(text).some((c) => c.treatment === 'botox' && c.text.includes('it wore off after a while'))).toBe(true);
  });

  it('takes the treatment a thread title names for posts deep in the thread', () => {
    const posts = Array.from({ length: 5 }, (_, i) => `u/user${i} · ${i + 1}h\nno idea, never looked into it`).join('\n');
    const text = `Microneedling for rolling scars, worth it?\n${posts}\nu/late_reply · 9h\nafter a year my rolling scars looked much smoother`;
    expect(detect(text).some((c) => c.treatment === 'microneedling' && c.topic === 'efficacy')).toBe(true);
  });

  it('keeps a story told line by line an anecdote, even in lines without "I" or "my"', () => {
    const text = 'u/kat · 2h\ndid 3 rounds of subcision on my cheeks last year\nthe rolling ones got much smoother after the second round';
    const c = detect(text).find((x) => x.treatment === 'subcision' && x.topic === 'efficacy');
    expect(c?.anecdote).toBe(true);
  });

  it('lets the clause after "but" outweigh the claim it answers', () => {
    const c = only('People swear lemon juice fades acne scars, but there is no research behind that.', 'home-remedy').find((x) => x.topic === 'efficacy')!;
    expect(c.entryId).toMatch(/neg/);
  });

  it('gives a statement about missing evidence the verdict of the evidence', () => {
    const c = only('Botox is not approved for acne scars and the evidence is basically case reports.', 'botox').find((x) => x.topic === 'efficacy')!;
    expect(tierOf(c.verdict)).toBe('green');
  });
});

describe('context before a chunk', () => {
  const page = [
    ON_SCAR_PAGE + 'Has anyone found that fillers are permanent for acne scars, or do they wear off after a while',
    'No, they wear off after a year or so.',
    'Microneedling is totally painless and has no downtime at all.',
    'It got rid of my rolling scars completely.',
  ];
  it('yields no claims of its own and leaves the claims after it as a whole read finds them', () => {
    for (let cut = 1; cut < page.length; cut++) {
      const text = page.join('\n');
      const from = page.slice(0, cut).join('\n').length + 1;
      const whole = detector.detect(text).filter((c) => c.start >= from);
      const after = detector.detect(text, from);
      expect(after.length, `claims after line ${cut}`).toBeGreaterThan(0);
      expect(after).toEqual(whole);
    }
  });
});
