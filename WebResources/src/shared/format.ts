// Locale-aware formatting of money, percentages and dates.
import { localeOf, type Lang } from "./i18n";

export interface Formatter {
  money(value: number | null, compact?: boolean): string;
  percent(value: number | null, digits?: number): string;
  date(value: Date | null): string;
  shortDate(value: Date | null): string;
  dateTime(value: Date | null): string;
}

export function formatter(lang: Lang, currency: string): Formatter {
  const locale = localeOf(lang);
  const moneyOptions = (compact: boolean): Intl.NumberFormatOptions => {
    const options: Intl.NumberFormatOptions & { notation?: string } = currency
      ? { style: "currency", currency, maximumFractionDigits: compact ? 1 : 0, minimumFractionDigits: 0 }
      : { maximumFractionDigits: compact ? 1 : 0 };
    if (compact) {
      options.notation = "compact";
    }
    return options;
  };
  const full = new Intl.NumberFormat(locale, moneyOptions(false));
  const compactFormat = new Intl.NumberFormat(locale, moneyOptions(true));
  const dash = "\u2013";
  return {
    money: (value, compact) => (value === null ? dash : (compact ? compactFormat : full).format(value)),
    percent: (value, digits) =>
      value === null ? dash : new Intl.NumberFormat(locale, { maximumFractionDigits: digits === undefined ? 0 : digits }).format(value) + "\u00a0%",
    date: (value) => (value === null ? dash : value.toLocaleDateString(locale, { day: "2-digit", month: "short", year: "numeric" })),
    shortDate: (value) => (value === null ? dash : value.toLocaleDateString(locale, { month: "short", year: "numeric" })),
    dateTime: (value) =>
      value === null
        ? dash
        : value.toLocaleString(locale, { day: "2-digit", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }),
  };
}
