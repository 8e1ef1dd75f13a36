/**
 * Phone numbers for people: the portal, the emails and the PDF write a number the same way.
 * Numbers are stored in E.164 (`+15555550123`).
 */

/** "+15555550123" → "(555) 555-0123"; other countries' numbers (and anything else) are shown as stored. */
export function formatPhone(e164: string): string {
  const m = /^\+1([0-9]{3})([0-9]{3})([0-9]{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}
