/**
 * Who is sending a file: a customer (by their session, or a link of theirs such as a form link),
 * or a visitor with neither, asking for work from the business's website. Resolved by the
 * `visitor` auth kind (functions/http/auth/visitor.ts).
 */
export type Visitor = { businessId: string; customerId: string; via: 'session' | 'link' } | null;
