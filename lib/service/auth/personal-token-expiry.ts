import { PERSONAL_TOKEN_MAX_DAYS } from '../../domain/personal-token';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A token works through the whole of its last day, `yyyy-mm-dd`, in UTC: this is the moment it stops. */
export function personalTokenEnd(expiresAt: string): Date {
  return new Date(Date.parse(`${expiresAt}T00:00:00.000Z`) + DAY_MS);
}

export function personalTokenExpired(expiresAt: string, now: Date): boolean {
  return now.getTime() >= personalTokenEnd(expiresAt).getTime();
}

/** Why an expiry date cannot be given, or undefined when it can: not past, at most 365 days ahead. */
export function expiryProblem(expiresAt: string, now: Date): string | undefined {
  const day = Date.parse(`${expiresAt}T00:00:00.000Z`);
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
  if (Number.isNaN(day)) return 'Give the expiry as a date, yyyy-mm-dd.';
  if (day < today) return 'The expiry date is in the past.';
  if (day > today + PERSONAL_TOKEN_MAX_DAYS * DAY_MS) {
    return `A personal access token lives at most ${PERSONAL_TOKEN_MAX_DAYS} days: choose a date until ${new Date(today + PERSONAL_TOKEN_MAX_DAYS * DAY_MS).toISOString().slice(0, 10)}.`;
  }
  return undefined;
}
