import { Link, useLocation } from 'react-router';

const PAGE = '/compte/double-authentification';

/**
 * Issue #20 item 12 (AUTH-13): a platform admin or brand manager without a second factor is told, on every page but
 * the set-up page itself, to set one up (after a 7-day grace the API refuses their work with MFA_REQUIRED).
 */
export function SecondFactorNotice({ required }: { required: boolean | undefined }) {
  const { pathname } = useLocation();
  if (!required || pathname === PAGE) return null;
  return (
    <div className="alert alert--warning" style={{ marginBottom: 'var(--space-4)' }}>
      Votre compte gère une marque ou la plateforme&nbsp;: protégez-le par une double authentification.{' '}
      <Link to={PAGE}>Configurer la double authentification</Link>
    </div>
  );
}
