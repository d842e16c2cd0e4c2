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
    void window.happyDOM.close();
  }
}
