// Which browser origins may act on this app with its cookie: the app's own address (the host
// the browser asked for, port included) and those listed in ALLOWED_ORIGINS. SameSite=Lax does
// not stop another port of the venue's address or a sibling subdomain, so this is checked on
// every change (http/csrf.ts) and on every Socket.IO connection.

/** True when `origin` (an Origin header) is the app's own, given the Host the browser used, or listed. */
export function originAllowed(origin: string, host: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (allowedOrigins.includes(origin)) return true;
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // 'null' (a sandboxed frame, a file:// page) or garbage
  }
}
