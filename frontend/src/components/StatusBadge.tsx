import type { JobStatus } from '../../../shared/api/contract';
import { formatStatus } from '../format';

/** A job's status as a coloured pill; the word carries the meaning, the colour only echoes it. */
export function StatusBadge({ status }: { status: JobStatus }) {
  return <span class={`badge badge-${status.replace('_', '-')}`}>{formatStatus(status)}</span>;
}
