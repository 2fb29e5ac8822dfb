// Errors a service raises on purpose; routes map each code to its HTTP status.
export type ServiceErrorCode = "validation_failed" | "not_found" | "conflict" | "forbidden" | "unauthenticated";

export interface FieldIssue {
  path: string;
  message: string;
}

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export const HTTP_STATUS: Record<ServiceErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};
