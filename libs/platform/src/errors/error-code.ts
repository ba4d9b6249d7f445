/** The error codes of the API contract (PRODUCT.md §3). Every error a client sees carries one of them. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  OUT_OF_STOCK = 'OUT_OF_STOCK',
  MINIMUM_NOT_MET = 'MINIMUM_NOT_MET',
  OUT_OF_DELIVERY_AREA = 'OUT_OF_DELIVERY_AREA',
  INVALID_STATE_TRANSITION = 'INVALID_STATE_TRANSITION',
  PAYMENT_FAILED = 'PAYMENT_FAILED',
  PAYMENTS_NOT_CONFIGURED = 'PAYMENTS_NOT_CONFIGURED',
  PRODUCER_NOT_PAYABLE = 'PRODUCER_NOT_PAYABLE',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

const contractCodes = new Set<string>(Object.values(ErrorCode));

export function isContractErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && contractCodes.has(code);
}
