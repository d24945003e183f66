// vue-i18n in composition mode: Vietnamese by default, English as fallback, the choice remembered.
import { createI18n } from 'vue-i18n';
import vi, { type MessageSchema } from './vi.ts';
import en from './en.ts';

export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];

const STORAGE_KEY = 'ocop.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

function rememberedLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLocale(saved) ? saved : 'vi';
  } catch {
    return 'vi';
  }
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: rememberedLocale(),
  fallbackLocale: 'en',
  messages: { vi, en },
});

export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this visit only.
  }
}

document.documentElement.lang = currentLocale();
