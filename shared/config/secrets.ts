

export interface Secrets {
  /** The secret's current value(s), cached for a few minutes (rotation is picked up). */
  originVerify(): Promise<string[]>;
  /** The platform's Stripe keys (empty strings until ops fill the secret). */
  stripe(): Promise<StripeKeys>;
}

export interface StripeKeys {
  secretKey: string;
  webhookSecret: string;
}
