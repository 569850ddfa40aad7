// Formatting shared by every page: numbers that may be missing, durations, times, status colours.

/** A JSON number, or null: the server writes NaN/Infinity as strings, which count as missing. */
export function num(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A metric such as accuracy or loss, four decimals; a non-number ("NaN") is shown as it came. */
export function metric(value) {
  const n = num(value);
  if (n !== null) return Math.abs(n) >= 1000 ? n.toFixed(0) : n.toFixed(4);
  return typeof value === 'string' ? value : '—';
}

/** A configuration value as the user wrote it (reals compactly: 0.001, 1e-05). */
export function configValue(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  return String(value);
}

/** Seconds as "45 s", "3 min 20 s", "2 h 05 min". */
export function duration(seconds) {
  const s = num(seconds);
  if (s === null || s < 0) return '—';
  const total = Math.round(s);
  if (total < 60) return `${total} s`;
  if (total < 3600) {
    const rest = total % 60;
    return rest ? `${Math.floor(total / 60)} min ${rest} s` : `${total / 60} min`;
  }
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return `${hours} h ${String(minutes).padStart(2, '0')} min`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** An ISO-8601 time in the browser's zone, or a dash. */
export function time(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : timeFormat.format(date);
}

/** The colour of each trial status: the chips, the curves and the progress bars agree. */
export const statusColors = {
  pending: '#9aa5b1',
  running: '#2f6fdf',
  paused: '#d99a1e',
  completed: '#2e9e5b',
  pruned: '#7b8794',
  diverged: '#d63b3b',
  failed: '#8e1f2f',
  cancelled: '#b5bcc4',
};

export const finishedStatuses = new Set(['completed', 'pruned', 'diverged', 'failed', 'cancelled']);
