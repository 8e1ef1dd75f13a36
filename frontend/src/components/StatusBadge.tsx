import type { InvoiceStatus, JobStatus } from '../../../shared/api/contract';
import { formatStatus } from '../format';

/** A job's or an invoice's status as a coloured pill; the word carries the meaning, the colour only echoes it. */
export function StatusBadge({ status }: { status: JobStatus | InvoiceStatus }) {
  return <span class={`badge badge-${status.replace(/_/g, '-')}`}>{formatStatus(status)}</span>;
}
