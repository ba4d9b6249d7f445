/** Who is calling, as the guard established it from the access token. */
export interface AuthUser {
  id: string;
  email: string;
  isPlatformAdmin: boolean;
  /** When the user signed in to open this session (the access token's `auth_time`); refreshes keep it. */
  authTime?: Date;
  /** Whether this session's sign-in passed a second factor (a TOTP code or a recovery code). */
  secondFactor?: boolean;
}

/** The request as the identity guard leaves it. */
export interface AuthenticatedRequest {
  authUser?: AuthUser | null;
  authUserPromise?: Promise<AuthUser | null>;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}
