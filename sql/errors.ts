/**
 * Typed errors shared by every shell: the API answers `{error}` with `status`, the CLI prints the
 * message on one line and exits with `exitCode`. Anything that is not a CallboardError is a bug.
 */
export class CallboardError extends Error {
  constructor(
    message: string,
    readonly status = 500,
    readonly exitCode = 1
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The caller's mistake: bad option, bad file, bad value. */
export class InputError extends CallboardError {
  constructor(message: string) {
    super(message, 400, 2);
  }
}

export class NotFoundError extends CallboardError {
  constructor(message: string) {
    super(message, 404, 2);
  }
}

export class AuthError extends CallboardError {
  constructor(message = 'Sign in first.') {
    super(message, 401, 2);
  }
}

export class ForbiddenError extends CallboardError {
  constructor(message = 'Your role may not do this.') {
    super(message, 403, 2);
  }
}

export class ConflictError extends CallboardError {
  constructor(message: string) {
    super(message, 409, 2);
  }
}

/** A server Callboard talks to (the mail server) refused or failed: its reason is the user's to read. */
export class UpstreamError extends CallboardError {
  constructor(message: string) {
    super(message, 502, 1);
  }
}

/** Another process holds the database file (DuckDB allows one writer process). */
export class DatabaseBusyError extends CallboardError {
  constructor(message: string) {
    super(message, 503, 3);
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
