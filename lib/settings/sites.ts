/**
 * Sites as the reader names them: a host name, lower case, without a leading "www.". An entry
 * covers the host itself and every subdomain ("reddit.com" covers "old.reddit.com").
 */

/** Longest host name we accept (DNS allows 253). */
export const MAX_HOST = 253;

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/** True for a normalised host name (what the site list stores). */
export function isHost(s: string): boolean {
  return (HOST.test(s) || IPV6.test(s)) && !s.startsWith('www.');
}

/**
 * What the reader typed or the page's location.hostname, as a site-list entry: "https://www.Example.com/a"
 * → "example.com". Null when it is not a host name.
 */
export function normalizeHost(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (!s) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(s)) s = `http://${s}`;
  let host: string;
  try {
    host = new URL(s).hostname;
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  return isHost(host) ? host : null;
}

/** The site-list entry that turns ScarCheck off on `host`, if any. */
export function matchingSite(sites: readonly string[], host: string): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  if (!h) return undefined;
  return sites.find((s) => h === s || h.endsWith(`.${s}`));
}

export const isSiteOff = (sites: readonly string[], host: string): boolean => matchingSite(sites, host) !== undefined;

/** The list with `host` added (once, sorted); unchanged for a non-host. */
export function addSite(sites: readonly string[], host: string): string[] {
  const h = normalizeHost(host);
  if (!h || sites.includes(h)) return [...sites];
  return [...sites, h].sort();
}

/** The list without every entry that covers `host` (so ScarCheck runs there again). */
export function removeSite(sites: readonly string[], host: string): string[] {
  const h = host.toLowerCase().replace(/^www\./, '');
  return sites.filter((s) => !(h === s || h.endsWith(`.${s}`)));
}
