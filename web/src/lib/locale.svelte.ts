// The chosen language as reactive state; i18n.ts reads and writes it.
export type Locale = 'nb' | 'en';

const STORAGE_KEY = 'varde.locale';

function stored(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'nb' || v === 'en') return v;
  } catch {
    /* storage unavailable */
  }
  return 'nb';
}

class LocaleState {
  current = $state<Locale>(stored());

  set(next: Locale): void {
    this.current = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* storage unavailable */
    }
    document.documentElement.lang = next;
  }
}

export const localeState = new LocaleState();
document.documentElement.lang = localeState.current;
