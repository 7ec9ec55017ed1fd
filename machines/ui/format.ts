/** Formatting shared by every screen: HTML escaping, money, dates, times. */

export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `1 500 000 so'm`; decimals only when they are not zero. */
export function formatMoney(value: number | string | null | undefined): string {
  const amount = typeof value === 'string' ? Number(value) : value;
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  const negative = amount < 0;
  const [whole = '0', fraction = ''] = Math.abs(amount).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const decimals = fraction === '00' ? '' : `,${fraction}`;
  return `${negative ? '-' : ''}${grouped}${decimals} so'm`;
}

/** `15.01.2024` from `2024-01-15` or an ISO timestamp; anything else escaped, as it came. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : escapeHtml(value);
}

/** `14:00` from `14:00:00`; anything else escaped, as it came. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const match = /^(\d{1,2}):(\d{2})/.exec(value);
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : escapeHtml(value);
}

/** Shortens one piece of user data so that a screen built from many of them stays within limits. */
export function clip(value: string | null | undefined, max: number): string {
  if (!value) return '';
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * `24.11.2026 23:49` in Tashkent time (UTC+5, where the centre is) from an ISO timestamp with any
 * offset; anything else escaped, as it came.
 */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) return escapeHtml(value);
  const local = new Date(ms + 5 * 3600_000).toISOString();
  return `${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)} ${local.slice(11, 16)}`;
}
