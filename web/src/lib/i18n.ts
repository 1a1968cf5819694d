// Message catalogues: Norwegian bokmål by default, English as a choice. The
// choice is remembered in localStorage and mirrored in <html lang>. `t()` and
// `locale()` are reactive: templates that call them update when the language changes.
import { nb, type MessageKey, type Messages } from './messages/nb';
import { en } from './messages/en';
import { localeState, type Locale } from './locale.svelte';
import type { Role, OrgKind } from './api';

export type { Locale };
export const LOCALES: Locale[] = ['nb', 'en'];

const catalogues: Record<Locale, Messages> = { nb, en };
const intlLocales: Record<Locale, string> = { nb: 'nb-NO', en: 'en-GB' };

export function locale(): Locale {
  return localeState.current;
}

export function setLocale(next: Locale): void {
  if (next !== localeState.current) localeState.set(next);
}

/** The message for key in the current language, with {name} placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[localeState.current][key] ?? nb[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? formatValue(params[name]) : m,
  );
}

function formatValue(v: string | number): string {
  return typeof v === 'number' ? formatNumber(v) : v;
}

export function roleName(role: Role | string): string {
  const key = `role.${role}` as MessageKey;
  return key in nb ? t(key) : role;
}

export function kindName(kind: OrgKind | string): string {
  const key = `kind.${kind}` as MessageKey;
  return key in nb ? t(key) : kind;
}

/** The Intl locale for dates and numbers (nb-NO for Norwegian). */
export function intlLocale(): string {
  return intlLocales[locale()];
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(intlLocale()).format(n);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium' }).format(d);
}

/** A calendar date "YYYY-MM-DD" (no time, no zone), read as that day wherever the browser is. */
export function parseDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const d = parseDay(day);
  if (!d) return day;
  return new Intl.DateTimeFormat(intlLocale(), { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

/** Hours and minutes, e.g. "14:05". */
export function formatTime(d: Date): string {
  return new Intl.DateTimeFormat(intlLocale(), { hour: '2-digit', minute: '2-digit' }).format(d);
}
