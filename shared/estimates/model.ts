import type { EstimateStatus, SignatureMethod } from '../contract/customer/estimates';
import type { Versioned } from '../kernel/types';
import type { Address } from '../contract/common';
import type { InvoiceLine } from '../invoices/model';

// ---------- estimates ----------

export interface EstimateOption {
  /** The business's id for the option (`good`, `better`, `best`). */
  id: string;
  name: string;
  description: string;
  lines: InvoiceLine[];
  taxAmount: number;
  recommended: boolean;
}

/** A deposit asked on approval: a share of the chosen option's total, or a fixed amount (capped at the total). */
export type DepositRule = { percent: number } | { amount: number };

/** What the business writes about an estimate (`PUT estimates/{estimateId}`). */
export interface EstimateFields {
  customerId: string;
  jobId: string | null;
  number: string;
  title: string;
  currency: string;
  expiresAt: string;
  terms: string;
  /** One or more (good / better / best); bounded, so they live inside the estimate item. */
  options: EstimateOption[];
  signature: 'none' | 'typed' | 'drawn';
  deposit: DepositRule | null;
  /** Offer the customer the business's open slots after approval, for a visit this long. */
  scheduling: { durationMinutes: number } | null;
  /** Where the work is done: needed to book a visit when the estimate has no job yet. */
  address: Address | null;
}

/** How the person deciding reached the estimate. */
export type SignedVia = 'session' | 'link';

/**
 * The record of a decision, written once by the one conditional write that decides the estimate
 * and never changed after. For an approval it is the signature record: what was chosen, by
 * whom, the hash of exactly what was shown, and where from.
 */
export interface EstimateDecision {
  kind: 'approved' | 'declined';
  at: string;
  /** The document version decided on. */
  revision: number;
  /** SHA-256 (hex) of the canonical JSON of that version as shown (options, totals, terms). */
  documentHash: string;
  via: SignedVia;
  ip: string | null;
  userAgent: string | null;
  /** The request that decided: its retry finishes what the decision started. */
  requestId: string;
  /** Approval only: the option chosen, the typed name, the drawn image's SHA-256 (the PNG is its own item). */
  optionId: string | null;
  signerName: string | null;
  /** Approval only, where a signature was asked: drawn, or the name typed as the signature. */
  signatureMethod: SignatureMethod | null;
  /** The typed signature exactly as typed (`typed` only). */
  typedSignature: string | null;
  signatureImageHash: string | null;
  /** Approval only, when a deposit is asked: the invoice made for it (id derived from the estimate). */
  depositInvoiceId: string | null;
  depositAmount: number | null;
  /** Decline only: what the customer said, if anything. */
  reason: string | null;
}

/** The visit booked after approval. */
export interface EstimateBooking {
  slotId: string;
  start: string;
  end: string;
  jobId: string;
  at: string;
  requestId: string;
}

export interface EstimateRecord extends EstimateFields, Versioned {
  businessId: string;
  id: string;
  /** The document's version: +1 each time the business changes what the customer reads. */
  revision: number;
  /** When it was first published to the customer. */
  sentAt: string;
  status: Exclude<EstimateStatus, 'expired'>;
  decision: EstimateDecision | null;
  booking: EstimateBooking | null;
}

/** An appointment slot the business offers; booked at most once across all its customers. */
export interface SlotRecord extends Versioned {
  businessId: string;
  id: string;
  start: string;
  end: string;
  /** The estimate that booked it, or null while open. */
  bookedBy: string | null;
  bookedAt: string | null;
}

/** Which of the customer's two lists an estimate is in. */
export type EstimateList = 'open' | 'decided';
/**
 * What the customer can ask for: the two lists, and the expired ones. Those stay in the open list's
 * index partition (sorted by expiry) and are read from it below now, most recently expired first.
 */
export type EstimateListView = EstimateList | 'expired';
export const estimateListOf = (status: EstimateRecord['status']): EstimateList => (status === 'sent' ? 'open' : 'decided');
