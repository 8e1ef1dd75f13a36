/** How every error of either API is answered. */
import type { SlotView } from './customer/estimates';

/** RFC 9457 problem details (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** For bad input: each offending field and what is wrong with it. */
  errors?: { field: string; message: string }[];
  /** When the slot asked for was taken meanwhile (409): the slots still open. */
  slots?: SlotView[];
}
