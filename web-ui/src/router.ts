/** The portal's hash routes (PORTAL-CONTRACT.md, "Page"). */
export type Route =
  | { name: 'sign-in' }
  | { name: 'cards' }
  | { name: 'application'; id: number }
  | { name: 'top-up'; id: number; paymentId: string | null }
  | { name: 'link' };

/** A hash split into its path parts and its query: `#/a/1?q=x` → `{parts: ['a', '1'], query: q=x}`. */
export function splitHash(hash: string): { parts: string[]; query: URLSearchParams } {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  return { parts: path.split('/').filter(Boolean), query: new URLSearchParams(query) };
}

/** `#/applications/1/top-up?payment=p7` → the route; anything unknown is My cards. */
export function parseRoute(hash: string): Route {
  const { parts, query } = splitHash(hash);
  if (parts[0] === 'sign-in') return { name: 'sign-in' };
  if (parts[0] === 'link') return { name: 'link' };
  if (parts[0] === 'applications' && /^\d+$/.test(parts[1] ?? '')) {
    const id = Number(parts[1]);
    if (parts[2] === 'top-up') {
      return { name: 'top-up', id, paymentId: query.get('payment') };
    }
    return { name: 'application', id };
  }
  return { name: 'cards' };
}
