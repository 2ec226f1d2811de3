/**
 * Where /login sends someone back to: a path on this site only. A browser's URL parser drops tabs and
 * newlines and reads `\` as `/`, so `/\t/evil.example` or `/\evil.example` would leave the site; the
 * answer is the path as that parser reads it, and anything that would leave (or that it cannot read)
 * falls back to the home page.
 */
const HERE = 'http://callboard.invalid';

export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return fallback;
  }
  if (url.origin !== HERE) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('//') ? fallback : path;
}
