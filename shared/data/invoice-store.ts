/** Invoices: the invoice item, its payments, the customer's open/paid lists and the job → invoice pointers. */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { InvoicePaymentRecord, InvoiceRecord } from '../domain/model';
import type { ChangesKey, ChangesQuery, InvoiceStore, StorePage } from '../domain/ports';
import { batchGetItems, conditionalWrite, queryPrefix } from './document-client';
import { invoiceEntity, invoicePaymentEntity, type InvoiceList, type PaymentTracking, type StoredInvoice } from './entities/invoice';
import type { Item } from './entity';
import { queryChanges } from './changes';
import { tableDefinition } from './table';
import { versionedSet } from './versioned-update';

const { listsIndex } = tableDefinition;

export class DynamoInvoiceStore implements InvoiceStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getInvoice(businessId: string, invoiceId: string, options: { consistent?: boolean } = {}): Promise<StoredInvoice | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: invoiceEntity.key(businessId, invoiceId), ...(options.consistent ? { ConsistentRead: true } : {}) }),
    );
    return Item ? invoiceEntity.fromItem(Item) : null;
  }

  async putInvoice(invoice: InvoiceRecord, tracking: PaymentTracking, expectedVersion: number | null): Promise<boolean> {
    const key = invoiceEntity.key(invoice.businessId, invoice.id);
    return conditionalWrite(() =>
      this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: key, ...versionedSet(invoiceEntity.attributes(invoice, tracking), expectedVersion) })),
    );
  }

  listInvoicesChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<StoredInvoice, ChangesKey>> {
    return queryChanges(this.doc, this.tableName, invoiceEntity.changesPartition(businessId), query, invoiceEntity.fromItem);
  }

  async listCustomerInvoices(
    businessId: string,
    customerId: string,
    query: { list: InvoiceList; limit: number; after: string | null },
  ): Promise<StorePage<StoredInvoice, string>> {
    const gsi2pk = invoiceEntity.listPartition(businessId, customerId, query.list);
    // One extra item tells whether another page exists.
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: listsIndex.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': listsIndex.partitionKey },
        ExpressionAttributeValues: { ':pk': gsi2pk },
        ScanIndexForward: invoiceEntity.listReadsForward(query.list),
        Limit: query.limit + 1,
        ...(query.after ? { ExclusiveStartKey: this.listStartKey(businessId, gsi2pk, query.after) } : {}),
      }),
    );
    const page = Items.slice(0, query.limit);
    const more = Items.length > query.limit;
    return { items: page.map(invoiceEntity.fromItem), lastKey: more ? String(page[page.length - 1]![listsIndex.sortKey]) : null };
  }

  /** An index's start key needs the table's key too: both derive from the list sort key `<date>#<invoiceId>`. */
  private listStartKey(businessId: string, gsi2pk: string, sortKey: string): Item {
    const invoiceId = sortKey.slice(sortKey.indexOf('#') + 1);
    return { ...invoiceEntity.key(businessId, invoiceId), [listsIndex.partitionKey]: gsi2pk, [listsIndex.sortKey]: sortKey };
  }

  async putPayment(businessId: string, payment: InvoicePaymentRecord, now: string): Promise<boolean> {
    return conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...invoicePaymentEntity.key(businessId, payment.invoiceId, payment.id), type: invoicePaymentEntity.type, ...payment, createdAt: now },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async getPayment(businessId: string, invoiceId: string, paymentId: string): Promise<InvoicePaymentRecord | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: invoicePaymentEntity.key(businessId, invoiceId, paymentId), ConsistentRead: true }),
    );
    return Item ? invoicePaymentEntity.fromItem(Item) : null;
  }

  async listPayments(businessId: string, invoiceId: string): Promise<InvoicePaymentRecord[]> {
    // An invoice collects a handful of payments: read them all.
    const payments = (await queryPrefix(this.doc, this.tableName, invoiceEntity.partition(businessId, invoiceId), invoicePaymentEntity.prefix)).map(invoicePaymentEntity.fromItem);
    return payments.sort((a, b) => a.paidAt.localeCompare(b.paidAt) || a.id.localeCompare(b.id));
  }
}
