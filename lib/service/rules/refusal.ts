import type { ProblemStatus } from '../problem';

/** A rule's "no": a status, a stable code, and a sentence a person can act on. */
export interface Refusal {
  refused: true;
  status: ProblemStatus;
  code: string;
  detail: string;
}

export const refuse = (status: ProblemStatus, code: string, detail: string): Refusal => ({
  refused: true,
  status,
  code,
  detail,
});

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as Refusal).refused === true;
}
