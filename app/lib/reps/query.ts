/** Links that change part of a page's query string and keep the rest (view state lives in the URL). */
export function hrefWith(url: URL, changes: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams(url.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') params.delete(k);
    else params.set(k, String(v));
  }
  const qs = params.toString();
  return `${url.pathname}${qs ? `?${qs}` : ''}`;
}
