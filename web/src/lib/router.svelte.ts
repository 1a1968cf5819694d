// A small History API router. The server answers index.html for every path
// outside /api, so each screen has its own address and survives a reload.
import type { MessageKey } from './messages/nb';

export type ScreenId =
  | 'overview'
  | 'commission'
  | 'actionPlans'
  | 'risk'
  | 'documents'
  | 'frameworks'
  | 'deviations'
  | 'audit'
  | 'organisation';

export interface Area {
  id: ScreenId;
  path: string;
  label: MessageKey;
  /** Built screens; the others show the "kommer" page. */
  built: boolean;
}

export const AREAS: Area[] = [
  { id: 'overview', path: '/', label: 'nav.overview', built: true },
  { id: 'commission', path: '/oppdrag', label: 'nav.commission', built: true },
  { id: 'actionPlans', path: '/handlingsplaner', label: 'nav.actionPlans', built: true },
  { id: 'risk', path: '/risiko', label: 'nav.risk', built: true },
  { id: 'documents', path: '/styrende-dokumenter', label: 'nav.documents', built: true },
  { id: 'frameworks', path: '/rammeverk', label: 'nav.frameworks', built: false },
  { id: 'deviations', path: '/avvik', label: 'nav.deviations', built: false },
  { id: 'audit', path: '/revisjonsspor', label: 'nav.audit', built: true },
  { id: 'organisation', path: '/organisasjon', label: 'nav.organisation', built: true },
];

export interface Route {
  area: Area | null;
  /** Path segments after the area's own path (e.g. the selected org id). */
  rest: string[];
  search: URLSearchParams;
}

function match(pathname: string, search: string): Route {
  const clean = pathname.replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(search);
  if (clean === '/') return { area: AREAS[0], rest: [], search: params };
  for (const area of AREAS) {
    if (area.path === '/') continue;
    if (clean === area.path || clean.startsWith(area.path + '/')) {
      const rest = clean.slice(area.path.length).split('/').filter(Boolean).map(decodeURIComponent);
      return { area, rest, search: params };
    }
  }
  return { area: null, rest: [], search: params };
}

class Router {
  route = $state<Route>(match(location.pathname, location.search));
  /** Bumped on every navigation (not on the first load), to move focus to the new h1. */
  navigations = $state(0);

  constructor() {
    window.addEventListener('popstate', () => this.sync(true));
  }

  private sync(navigated: boolean) {
    this.route = match(location.pathname, location.search);
    if (navigated) this.navigations++;
  }

  /** Navigates. `focus: false` keeps focus where it is (e.g. selecting in a tree). */
  goto(href: string, { replace = false, focus = true } = {}) {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) {
      location.href = url.href;
      return;
    }
    const target = url.pathname + url.search;
    if (target === location.pathname + location.search) return;
    if (replace) history.replaceState(null, '', target);
    else history.pushState(null, '', target);
    this.sync(focus);
  }

  /** Updates the address without counting it as a navigation (no focus move). */
  replaceQuiet(href: string) {
    const url = new URL(href, location.href);
    history.replaceState(null, '', url.pathname + url.search);
    this.route = match(location.pathname, location.search);
  }
}

export const router = new Router();

/** Click handler for the whole app: same-origin links go through the router. */
export function interceptLinks(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = (event.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) return;
  event.preventDefault();
  router.goto(href);
}
