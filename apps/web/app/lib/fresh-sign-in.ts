/**
 * Sensitive changes need a recent sign-in (the API answers `UNAUTHENTICATED` with reason `FRESH_SIGN_IN_REQUIRED`):
 * the page sends the person to `/connexion` with `raison=<why>` and a return to itself; the sign-in page then asks
 * for the password even though the person is signed in, and says why with one of these sentences.
 */
export const FRESH_SIGN_IN_REASONS = {
  paiements:
    'Par sécurité, la configuration des paiements demande une connexion récente (moins de 5\u00a0minutes). Saisissez à nouveau votre mot de passe\u00a0: vous reviendrez ensuite à la page des paiements.',
  'double-authentification':
    'Par sécurité, la configuration de la double authentification demande une connexion récente (moins de 5\u00a0minutes). Saisissez à nouveau votre mot de passe\u00a0: vous reviendrez ensuite à cette page.',
} as const;

export type FreshSignInReason = keyof typeof FRESH_SIGN_IN_REASONS;

export const freshSignInReasonOf = (value: string | null): FreshSignInReason | undefined =>
  value && Object.hasOwn(FRESH_SIGN_IN_REASONS, value) ? (value as FreshSignInReason) : undefined;

/** The sign-in address that asks for the password again, then comes back to `back`. */
export const freshSignInUrl = (back: string, reason: FreshSignInReason): string =>
  `/connexion?retour=${encodeURIComponent(back)}&raison=${reason}`;
