/** Jobs: the customer's list (summaries in their partition) and the job page (one partition per job). */
import { BatchWriteCommand, QueryCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Charge, JobSummary, Message, Note, Payment } from '../api/contract';
import type { AttachmentRecord, JobBundle, JobRecord } from '../domain/model';
import type { JobPage, JobStore, JobWriter } from '../domain/ports';
import { summaryOf } from '../jobs/summary';
import { jobTotals } from '../jobs/totals';
import { jobSummaryPrefix, keys, type Key } from './keys';

export class DynamoJobStore implements JobStore, JobWriter {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async listJobs(
    businessId: string,
    customerId: string,
    query: { when: 'upcoming' | 'past'; now: Date; limit: number; after: string | null },
  ): Promise<JobPage> {
    const boundary = `${jobSummaryPrefix}${query.now.toISOString()}`;
    const upcoming = query.when === 'upcoming';
    const pk = keys.customerPartition(businessId, customerId);
    // One extra item tells whether another page exists, so the last page never ends in an empty one.
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': pk,
          ':from': upcoming ? boundary : jobSummaryPrefix,
          ':to': upcoming ? `${jobSummaryPrefix}\uffff` : boundary,
        },
        ScanIndexForward: upcoming,
        Limit: query.limit + 1,
        ...(query.after ? { ExclusiveStartKey: { pk, sk: query.after } } : {}),
      }),
    );
    const page = Items.slice(0, query.limit);
    const more = Items.length > query.limit;
    return { items: page.map(toJobSummary), lastKey: more ? String(page[page.length - 1]!.sk) : null };
  }

  async getJobBundle(businessId: string, jobId: string): Promise<JobBundle | null> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.jobPartition(businessId, jobId) },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);

    const jobItem = items.find((i) => i.sk === 'JOB');
    if (!jobItem) return null;
    const part = <T>(kind: string) => items.filter((i) => String(i.sk).startsWith(`${kind}#`)).map((i) => i.data as T);
    return {
      job: jobItem.data as JobRecord,
      charges: part<Charge>('CHARGE'),
      payments: part<Payment>('PAYMENT'),
      notes: part<Note>('NOTE'),
      attachments: part<AttachmentRecord>('ATTACHMENT'),
      messages: part<Message>('MESSAGE'),
    };
  }

  /**
   * Writes the job's partition and its summary in the customer's list. Deterministic keys make
   * a re-run overwrite rather than duplicate. (The business API that will own job writes
   * comes later; today the seed and the benchmarks use this.)
   */
  async putJob(job: JobRecord, parts: Omit<JobBundle, 'job'>): Promise<void> {
    const { businessId, id } = job;
    const pad = (n: number) => String(n).padStart(4, '0');
    const item = (key: Key, type: string, data: unknown) => ({ ...key, type, data });
    const puts = [
      item(keys.job(businessId, id), 'job', job),
      ...parts.charges.map((c, i) => item(keys.jobPart(businessId, id, 'CHARGE', pad(i), c.id), 'charge', c)),
      ...parts.payments.map((p) => item(keys.jobPart(businessId, id, 'PAYMENT', p.paidAt, p.id), 'payment', p)),
      ...parts.notes.map((n) => item(keys.jobPart(businessId, id, 'NOTE', n.at, n.id), 'note', n)),
      ...parts.attachments.map((a) => item(keys.jobPart(businessId, id, 'ATTACHMENT', a.id), 'attachment', a)),
      ...parts.messages.map((m) => item(keys.jobPart(businessId, id, 'MESSAGE', m.at, m.id), 'message', m)),
      { ...keys.jobSummary(businessId, job.customerId, job.scheduledEnd, id), type: 'jobSummary', ...summaryOf(job, jobTotals(job, parts.charges, parts.payments)) },
    ];
    await this.batchPut(puts);
  }

  async batchPut(items: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
        [this.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
      };
      for (let attempt = 0; request; attempt++) {
        if (attempt > 8) throw new Error('BatchWrite kept returning unprocessed items');
        const out: BatchWriteCommandOutput = await this.doc.send(new BatchWriteCommand({ RequestItems: request }));
        const rest = out.UnprocessedItems?.[this.tableName];
        request = rest && rest.length > 0 ? { [this.tableName]: rest as { PutRequest: { Item: Record<string, unknown> } }[] } : undefined;
        if (request) await new Promise((r) => setTimeout(r, 2 ** attempt * 20));
      }
    }
  }
}

function toJobSummary(item: Record<string, unknown>): JobSummary {
  const { id, number, title, status, scheduledStart, scheduledEnd, arrivalWindow, addressLine, total, balance } = item as unknown as JobSummary;
  return { id, number, title, status, scheduledStart, scheduledEnd, arrivalWindow, addressLine, total, balance };
}
