/** An error the API answered, with the code and field of `PRODUCT.md` §3 (shown next to the field it names). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
    readonly requestId?: string,
    /** Why, when the code alone does not say: e.g. `FRESH_SIGN_IN_REQUIRED` with `UNAUTHENTICATED`. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** An error a form shows: the API's message, next to the field it names when it names one. */
export interface FormError {
  message: string;
  code: string;
  field?: string;
  /** Why, when the code alone does not say (e.g. `PAYMENT_DISPUTED` with `INVALID_STATE_TRANSITION`). */
  reason?: string;
}
