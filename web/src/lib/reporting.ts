// Shared helpers for the "Oppdrag og rapportering" screens: which trust and
// region the user works for, labels for periods, achievement and workflow
// state in the chosen language, and the dates that are due next.
import type {
  AchievementCode,
  AchievementLevel,
  Deadline,
  EntryState,
  Org,
  ReportingPeriod,
  Requirement,
} from './api';
import { session } from './session.svelte';
import { router } from './router.svelte';
import { locale, parseDay, t } from './i18n';
import type { MessageKey } from './messages/nb';

/** The server's scale (GET /api/orgs/{id}/reports/{period}); the matrix does not send it. */
export const DEFAULT_SCALE: AchievementLevel[] = [
  { code: 'achieved', label_nb: 'Oppnådd', label_en: 'Achieved', colour: '#1b5e20' },
  { code: 'partly', label_nb: 'Delvis oppnådd', label_en: 'Partly achieved', colour: '#8a5300' },
  { code: 'not_achieved', label_nb: 'Ikke oppnådd', label_en: 'Not achieved', colour: '#b71c1c' },
  { code: 'not_started', label_nb: 'Ikke startet', label_en: 'Not started', colour: '#4a4a4a' },
  { code: 'not_relevant', label_nb: 'Ikke relevant', label_en: 'Not relevant', colour: '#37474f' },
];

export function levelOf(code: AchievementCode | null | undefined, scale: AchievementLevel[] = DEFAULT_SCALE) {
  if (!code) return null;
  return scale.find((l) => l.code === code) ?? DEFAULT_SCALE.find((l) => l.code === code) ?? null;
}

/** WCAG contrast of white text on "#rrggbb" (as the server checks it), or null when it does not parse. */
export function contrastWithWhite(colour: string): number | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  if (!m) return null;
  const lin = (h: string) => {
    const s = parseInt(h, 16) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(m[1]) + 0.7152 * lin(m[2]) + 0.0722 * lin(m[3]);
  return 1.05 / (l + 0.05);
}

export function achievementLabel(code: AchievementCode | null | undefined, scale?: AchievementLevel[]): string {
  const level = levelOf(code, scale);
  if (!level) return t('achievement.none');
  return locale() === 'en' ? level.label_en : level.label_nb;
}

export function stateLabel(state: EntryState | null | undefined): string {
  return state ? t(`state.${state}` as MessageKey) : t('state.none');
}

/** The nearest trust at or above the node (null when the node lies above the trusts). */
export function trustFor(org: Org | null | undefined): Org | null {
  if (!org) return null;
  return [...session.ancestry(org)].reverse().find((o) => o.kind === 'trust') ?? null;
}

/** The nearest region at or above the node. */
export function regionFor(org: Org | null | undefined): Org | null {
  if (!org) return null;
  return [...session.ancestry(org)].reverse().find((o) => o.kind === 'region') ?? null;
}

export function periodLabel(p: Pick<ReportingPeriod, 'kind' | 'year' | 'label'>): string {
  if (locale() === 'nb' && p.label) return p.label;
  return t(`period.${p.kind}` as MessageKey, { year: String(p.year) });
}

export function requirementTitle(number: string | null | undefined): string {
  return number ? t('req.number', { number }) : t('req.noNumber');
}

/** "Gjelder for": "Alle" or the trusts' codes as printed. */
export function appliesLabel(r: Pick<Requirement, 'applies_to_all' | 'applies_to' | 'targets'>): string {
  if (r.applies_to_all) return t('req.appliesAll');
  return r.applies_to || r.targets.join(', ');
}

/** "Rapportering": the document's own phrase in Norwegian; built the same way in English. */
export function reportingLabel(r: Pick<Requirement, 'reporting_phrase' | 'reporting_points'>): string {
  if (locale() === 'nb' && r.reporting_phrase) return r.reporting_phrase;
  const has = (p: string) => r.reporting_points.includes(p as Requirement['reporting_points'][number]);
  const parts: string[] = [];
  if (has('BUSINESS')) parts.push(t('point.BUSINESS'));
  if (has('T1') && has('T2')) parts.push(t('point.tertials'));
  else if (has('T1')) parts.push(t('point.T1'));
  else if (has('T2')) parts.push(t('point.T2'));
  if (has('ANNUAL')) parts.push(t('point.ANNUAL'));
  const text = parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${t('list.and')} ${parts[parts.length - 1]}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Today as YYYY-MM-DD in the browser's zone. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Whole days from today to the day (negative when it has passed). */
export function daysUntil(day: string): number {
  const d = parseDay(day);
  const now = parseDay(today());
  if (!d || !now) return 0;
  return Math.round((d.getTime() - now.getTime()) / 86_400_000);
}

/** "om 12 dager", "i dag", "for 3 dager siden". */
export function relativeDays(day: string): string {
  const n = daysUntil(day);
  if (n === 0) return t('due.today');
  if (n === 1) return t('due.tomorrow');
  if (n > 1) return t('due.inDays', { n });
  if (n === -1) return t('due.yesterday');
  return t('due.daysAgo', { n: -n });
}

/** The next date a deadline falls on, from today (a yearly one moves to the coming year). */
export function nextOccurrence(d: Deadline): string {
  if (!d.yearly) return d.due_date;
  const now = today();
  let year = Number(d.due_date.slice(0, 4));
  let day = d.due_date;
  while (day < now) {
    year++;
    day = `${year}${d.due_date.slice(4)}`;
  }
  return day;
}

/** The period to show first: the open one that is due next, else the latest. */
export function defaultPeriod(periods: ReportingPeriod[]): ReportingPeriod | null {
  if (periods.length === 0) return null;
  const now = today();
  const open = periods.filter((p) => p.status === 'open' && p.due_on >= now).sort((a, b) => (a.due_on < b.due_on ? -1 : 1));
  if (open.length) return open[0];
  return [...periods].sort((a, b) => (a.ends_on < b.ends_on ? 1 : -1))[0];
}

export function sortPeriods(periods: ReportingPeriod[]): ReportingPeriod[] {
  return [...periods].sort((a, b) => (a.ends_on < b.ends_on ? -1 : a.ends_on > b.ends_on ? 1 : a.id - b.id));
}

/** Keeps a period id in the address (?periode=), without a navigation or focus move. */
export function rememberPeriod(id: number): void {
  const url = new URL(location.href);
  if (url.searchParams.get('periode') === String(id)) return;
  url.searchParams.set('periode', String(id));
  router.replaceQuiet(url.pathname + url.search);
}

/** The period id in the address, if any. */
export function periodInAddress(): number | null {
  const v = Number(router.route.search.get('periode'));
  return Number.isInteger(v) && v > 0 ? v : null;
}
