// Figures of the dashboard in the current language: VND with thousands separators, or in "tỷ"
// and "triệu" where that reads better; quarter hours in Asia/Ho_Chi_Minh.
import { useI18n } from 'vue-i18n';
import { useFormat, VIETNAM_TIME_ZONE } from '../../i18n/format.ts';

const intlLocale: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };

export function useDashboardFormat() {
  const { t, te, locale } = useI18n();
  const format = useFormat();
  const tag = () => intlLocale[locale.value] ?? locale.value;
  const decimal = (n: number) => new Intl.NumberFormat(tag(), { maximumFractionDigits: n >= 100 ? 0 : 2 }).format(n);

  /** 1 250 000 000 → "1,25 tỷ ₫"; 80 000 000 → "80 triệu ₫"; below a million the full amount. */
  function money(vnd: number): string {
    const abs = Math.abs(vnd);
    if (abs >= 1e9) return t('dashboard.money.billion', { n: decimal(vnd / 1e9) });
    if (abs >= 1e6) return t('dashboard.money.million', { n: decimal(vnd / 1e6) });
    return format.vnd(vnd);
  }

  /** A quarter hour's start, with its day when the figures span several days. */
  function bucket(iso: string, withDay: boolean): string {
    return new Intl.DateTimeFormat(tag(), {
      timeZone: VIETNAM_TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(withDay ? { day: '2-digit', month: '2-digit' } : {}),
    }).format(new Date(iso));
  }

  const category = (key: string) => (te(`categories.${key}`) ? t(`categories.${key}`) : key);

  /** A day's date (Vietnam's), for a chart drawn by days. */
  function day(iso: string): string {
    return new Intl.DateTimeFormat(tag(), { timeZone: VIETNAM_TIME_ZONE, day: '2-digit', month: '2-digit' }).format(
      new Date(iso),
    );
  }
  return { money, vnd: format.vnd, count: format.count, time: format.time, bucket, day, category };
}
