// The one error type domain code throws. Transports map it: tRPC error codes, HTTP statuses.
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS";

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** The input field the message is about, so forms can show it inline. */
  readonly field?: string;
  /** Every field that is wrong, when a form has more than one error: forms show them all at once. */
  readonly fieldErrors?: { field: string; message: string }[];

  constructor(
    code: AppErrorCode,
    message: string,
    field?: string,
    fieldErrors?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = fieldErrors && fieldErrors.length > 1 ? undefined : field;
    this.fieldErrors = fieldErrors && fieldErrors.length > 1 ? fieldErrors : undefined;
  }
}

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
};
