import type { Context } from 'hono';
import type { Problem } from '../domain/problem';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 421 | 422 | 429 | 500 | 503;

/** A refusal with a stable code; thrown by rules, stores and handlers, answered as problem+json. */
export class ServiceError extends Error {
  constructor(
    readonly status: ProblemStatus,
    readonly code: string,
    readonly detail: string,
    readonly errors?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = 'ServiceError';
  }
}

export function toProblem(error: ServiceError): Problem {
  return {
    type: `https://token-lens.dev/problems/${error.code}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export function problemResponse(c: Context, error: ServiceError): Response {
  const headers: Record<string, string> = {
    'Content-Type': 'application/problem+json',
    ...error.headers,
  };
  return c.body(JSON.stringify(toProblem(error)), error.status, headers);
}
