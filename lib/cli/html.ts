import { Window } from 'happy-dom';
import { extractText } from '../page/extract';

/**
 * The text of an HTML page as the content script would read it: the same extraction code, run on
 * a parsed document. Nothing is fetched or executed.
 */
export function htmlToText(html: string): string {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
  try {
    window.document.write(html);
    const body = window.document.body as unknown as Element | null;
    // Static HTML has no layout: skip rules come from tags and attributes, as in a page before styles.
    return body ? extractText(body, { getComputedStyle: null }).text : '';
  } finally {
    cutDeepSubtrees(window.document.documentElement as unknown as Element);
    void window.happyDOM.close();
  }
}

/** Depth of the pieces cutDeepSubtrees leaves (happy-dom's teardown recursion handles this easily). */
const CUT_EVERY = 500;

/**
 * happy-dom tears a document down recursively, so a very deeply nested page (100,000 nested
 * <div>s) would overflow the stack on close. Detaching every element at depth 500, 1000, ...
 * deepest first, leaves no piece deeper than 500; one pass, no recursion.
 */
function cutDeepSubtrees(root: Element | null): void {
  if (!root) return;
  const cuts: Element[] = [];
  const stack: Array<[Element, number]> = [[root, 0]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth > 0 && depth % CUT_EVERY === 0) cuts.push(el);
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, depth + 1]);
  }
  for (let i = cuts.length - 1; i >= 0; i--) cuts[i]!.remove();
}
