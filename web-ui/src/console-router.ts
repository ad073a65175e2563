/**
 * The helpdesk console's hash routes (CONSOLE-CONTRACT.md, section 4). Parsing and writing them live
 * together, so that a link a screen writes is one the console reads back the same.
 */
import { splitHash } from './router';

export type AlertStateFilter = 'open' | 'acknowledged' | 'all';

export type ConsoleRoute =
  | { name: 'sign-in' }
  | { name: 'search'; q: string; page: number }
  | { name: 'application'; id: number }
  /** `q`: a card id prefix. */
  | { name: 'alerts'; kind: string; state: AlertStateFilter; q: string; page: number }
  | { name: 'dashboard' }
  | { name: 'admin-issue' }
  | { name: 'admin-staff' };

/** A page number from the URL: a whole number from 0, else the first page (a hand-edited URL is no error). */
function pageOf(query: URLSearchParams): number {
  const page = query.get('page') ?? '';
  return /^\d{1,6}$/.test(page) ? Number(page) : 0;
}

function alertState(value: string | null): AlertStateFilter {
  return value === 'acknowledged' || value === 'all' ? value : 'open';
}

/** `#/applications/7` → the route; anything unknown is the search, the console's home. */
export function parseConsoleRoute(hash: string): ConsoleRoute {
  const { parts, query } = splitHash(hash);
  switch (parts[0]) {
    case 'sign-in':
      return { name: 'sign-in' };
    case 'applications':
      return /^\d{1,15}$/.test(parts[1] ?? '') ? { name: 'application', id: Number(parts[1]) }
        : { name: 'search', q: '', page: 0 };
    case 'alerts':
      return { name: 'alerts', kind: query.get('kind') ?? '', state: alertState(query.get('state')),
        q: query.get('q') ?? '', page: pageOf(query) };
    case 'dashboard':
      return { name: 'dashboard' };
    case 'admin':
      if (parts[1] === 'issue') return { name: 'admin-issue' };
      if (parts[1] === 'staff') return { name: 'admin-staff' };
      break;
    default:
      break;
  }
  return { name: 'search', q: query.get('q') ?? '', page: pageOf(query) };
}

/** The hash of a route, with only the query values that differ from the defaults. */
export function consoleHash(route: ConsoleRoute): string {
  const withQuery = (path: string, entries: [string, string | number][]) => {
    const query = new URLSearchParams();
    for (const [key, value] of entries) {
      if (value !== '' && value !== 0) {
        query.set(key, String(value));
      }
    }
    const text = query.toString();
    return text ? `#/${path}?${text}` : `#/${path}`;
  };
  switch (route.name) {
    case 'sign-in':
      return '#/sign-in';
    case 'search':
      return withQuery('search', [['q', route.q], ['page', route.page]]);
    case 'application':
      return `#/applications/${route.id}`;
    case 'alerts':
      return withQuery('alerts', [['kind', route.kind], ['state', route.state === 'open' ? '' : route.state],
        ['q', route.q], ['page', route.page]]);
    case 'dashboard':
      return '#/dashboard';
    case 'admin-issue':
      return '#/admin/issue';
    case 'admin-staff':
      return '#/admin/staff';
  }
}

/** Screens only an admin may open (a helpdesk user sees no link to them and, typed in, a refusal). */
export function adminOnly(route: ConsoleRoute): boolean {
  return route.name === 'admin-issue' || route.name === 'admin-staff';
}
