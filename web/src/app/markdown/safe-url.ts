/**
 * The only link targets the conversation turns into anchors: absolute http and https URLs. Agent
 * output is untrusted, so `javascript:`, `data:`, `vbscript:`, relative URLs and anything odd stay
 * plain text.
 */

/** Characters no honest URL in a Markdown link carries; they hint at obfuscation. */
const SUSPICIOUS = /[\s\u0000-\u001f\u007f<>"'`\\]/u;

/** The normalised URL when `raw` is an absolute http(s) URL, else null. */
export function safeHref(raw: string): string | null {
  if (raw.length === 0 || raw.length > 2048 || SUSPICIOUS.test(raw)) return null;
  // The URL parser, not a regular expression, decides the scheme: it is what the browser would follow.
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null; // https://bank.com@evil.example tricks
  return url.href;
}
