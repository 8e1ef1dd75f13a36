import { type AnyStatus, formatStatus } from '../format';

/** A job's, an invoice's or an estimate's status as a coloured pill; the word carries the meaning, the colour only echoes it. */
export function StatusBadge({ status }: { status: AnyStatus }) {
  return <span class={`badge badge-${status.replace(/_/g, '-')}`}>{formatStatus(status)}</span>;
}
