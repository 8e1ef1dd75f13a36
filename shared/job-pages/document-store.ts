/** The documents of a job (its invoices and estimates), through the pointers in its partition. */
import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EstimateRecord } from '../estimates/model';
import type { JobDocumentStore } from './port';
import type { InvoiceState } from '../invoices/model';
import { batchGetItems, queryAllItems } from '../data/document-client';
import { estimateEntity } from '../estimates/entity';
import { invoiceEntity } from '../invoices/entity';
import { jobEntity } from '../jobs/entity';
import { jobDocumentRefEntity } from '../jobs/document-entity';
import { type JobDocumentKind } from '../jobs/model';

export class DynamoJobDocumentStore implements JobDocumentStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async putJobDocumentRef(businessId: string, jobId: string, kind: JobDocumentKind, documentId: string): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: jobDocumentRefEntity.toItem(businessId, jobId, kind, documentId) }));
  }

  async deleteJobDocumentRef(businessId: string, jobId: string, kind: JobDocumentKind, documentId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: jobDocumentRefEntity.key(businessId, jobId, kind, documentId) }));
  }

  async listJobInvoices(businessId: string, jobId: string): Promise<InvoiceState[]> {
    const refs = (
      await queryAllItems(this.doc, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': jobEntity.partition(businessId, jobId), ':prefix': jobDocumentRefEntity.kindPrefix('invoice') },
        ConsistentRead: true,
      })
    ).map(jobDocumentRefEntity.fromItem);
    const keys = refs.map((ref) => invoiceEntity.key(businessId, ref.documentId));
    const invoices = (await batchGetItems(this.doc, this.tableName, keys, { consistent: true })).map(invoiceEntity.fromItem);
    // A pointer left behind by a change of the invoice's job is not this job's invoice.
    return invoices.filter((invoice) => invoice.jobId === jobId);
  }

  async listJobDocuments(businessId: string, jobId: string, limit: number): Promise<{ invoices: InvoiceState[]; estimates: EstimateRecord[] }> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': jobEntity.partition(businessId, jobId), ':prefix': jobDocumentRefEntity.prefix },
        Limit: limit,
      }),
    );
    if (Items.length === 0) return { invoices: [], estimates: [] };
    const refs = Items.map(jobDocumentRefEntity.fromItem);
    const keys = refs.map((ref) => (ref.kind === 'invoice' ? invoiceEntity.key(businessId, ref.documentId) : estimateEntity.key(businessId, ref.documentId)));
    const items = await batchGetItems(this.doc, this.tableName, keys);
    // A pointer left behind by a change of the document's job is not this job's document.
    const invoices = items.filter((i) => i.type === invoiceEntity.type).map(invoiceEntity.fromItem).filter((i) => i.jobId === jobId);
    const estimates = items.filter((i) => i.type === estimateEntity.type).map(estimateEntity.fromItem).filter((e) => e.jobId === jobId);
    // Newest first; a batch read answers in no set order, and two documents of one day tie on the
    // date (a business often sends midnight): the id settles it, so a reload shows the same order.
    return {
      invoices: invoices.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || a.id.localeCompare(b.id)),
      estimates: estimates.sort((a, b) => b.sentAt.localeCompare(a.sentAt) || a.id.localeCompare(b.id)),
    };
  }
}
