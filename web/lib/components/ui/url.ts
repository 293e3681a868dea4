/**
 * Table state lives in the URL (sort, order, filters, paging), so a view can be shared, reloaded
 * and downloaded as shown. These helpers make links that change one part and keep the rest.
 */

/** `url`'s path and query with `changes` applied; undefined removes a parameter. */
export function hrefWith(url: URL, changes: Record<string, string | number | undefined>, path = url.pathname): string {
  const params = new URLSearchParams(url.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === "") params.delete(key);
    else params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Keeps only the parameters named in `keys` (those a download or table understands). */
export function pickParams(url: URL, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = url.searchParams.get(key);
    if (value !== null && value !== "") out[key] = value;
  }
  return out;
}
