// TEMPORARY until lib/page/extract.ts lands: the CLI must use the same extraction as the content script.
export function htmlToText(html: string): string {
  return html.replace(/<(script|style)[\s\S]*?<\/\1>/giu, '').replace(/<[^>]+>/gu, '\n').replace(/\n{2,}/gu, '\n');
}
