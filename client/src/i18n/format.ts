// Dates in the event's time zone (Asia/Ho_Chi_Minh) and money in VND, in the current language.
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const intlLocale: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };

export function useFormat() {
  const { locale } = useI18n();
  const tag = computed(() => intlLocale[locale.value] ?? locale.value);

  function dateTimeFormat(options: Intl.DateTimeFormatOptions, timeZone = VIETNAM_TIME_ZONE) {
    return new Intl.DateTimeFormat(tag.value, { timeZone, ...options });
  }

  return {
    date: (iso: string, timeZone?: string) => dateTimeFormat({ dateStyle: 'medium' }, timeZone).format(new Date(iso)),
    time: (iso: string, timeZone?: string) =>
      dateTimeFormat({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, timeZone).format(new Date(iso)),
    dateTime: (iso: string, timeZone?: string) =>
      dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }, timeZone).format(new Date(iso)),
    dateRange: (startIso: string, endIso: string, timeZone?: string) =>
      dateTimeFormat({ dateStyle: 'medium' }, timeZone).formatRange(new Date(startIso), new Date(endIso)),
    dateTimeRange: (startIso: string, endIso: string, timeZone?: string) =>
      dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }, timeZone).formatRange(
        new Date(startIso),
        new Date(endIso),
      ),
    timeRange: (startIso: string, endIso: string, timeZone?: string) =>
      dateTimeFormat({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, timeZone).formatRange(
        new Date(startIso),
        new Date(endIso),
      ),
    vnd: (amount: number) =>
      new Intl.NumberFormat(tag.value, { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount),
    count: (n: number) => new Intl.NumberFormat(tag.value).format(n),
  };
}
