// The OCOP certificate's life: valid for 36 months from the decision date; flagged when it
// ends within 90 days; once expired its stars no longer count.
import { CERTIFICATE_MONTHS, CERTIFICATE_WARNING_DAYS, type CertificateStatus } from '../../contracts/directory.ts';

/** The decision date plus 36 months (end of the same day in UTC terms of the stored date). */
export function certificateExpiry(decisionDate: Date): Date {
  const expiry = new Date(decisionDate);
  expiry.setUTCMonth(expiry.getUTCMonth() + CERTIFICATE_MONTHS);
  return expiry;
}

export function certificateStatus(stars: number | null, expiresAt: Date | null, now: Date): CertificateStatus {
  if (stars === null || expiresAt === null) return 'none';
  if (expiresAt <= now) return 'expired';
  if (expiresAt.getTime() - now.getTime() <= CERTIFICATE_WARNING_DAYS * 86_400_000) return 'expiring';
  return 'valid';
}

/** The stars that count today: none when unrated or expired. */
export function countingStars(stars: number | null, expiresAt: Date | null, now: Date): number | null {
  const status = certificateStatus(stars, expiresAt, now);
  return status === 'valid' || status === 'expiring' ? stars : null;
}
