/** Pure input checks and normalisation shared by the flows. */

/** A pragmatic email check, close to Django's EmailField: local@domain.tld, no spaces. */
export function normaliseEmail(text: string): string | null {
  const email = text.trim();
  if (email.length > 254) return null;
  return /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(email)
    ? email
    : null;
}
