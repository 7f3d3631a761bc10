import { format } from './dateFormat';

/** `14:05`, local, 24-hour: one way to show a time of day everywhere (notices, status, tooltips). */
export function formatClock(instant: number | Date): string {
  return format(instant, 'HH:mm');
}
