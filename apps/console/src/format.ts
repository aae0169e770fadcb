/** Every number on screen goes through zh-CN formatting, whatever the interface language. */
const integer = new Intl.NumberFormat('zh-CN');
const signed = new Intl.NumberFormat('zh-CN', { signDisplay: 'exceptZero' });
const percent = new Intl.NumberFormat('zh-CN', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const cny = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export const fmt = {
  int: (n: number) => integer.format(n),
  signed: (n: number) => signed.format(n),
  /** A share 0..1 as a percentage; '—' for no total. */
  share: (part: number, total: number) => (total > 0 ? percent.format(part / total) : '—'),
  // A decimal string is formatted exactly (Intl.NumberFormat v3): no rounding through a double.
  cny: (v: string) => cny.format(v as Intl.StringNumericLiteral),
  dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
};
