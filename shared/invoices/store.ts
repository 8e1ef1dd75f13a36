/** Invoices: the invoice item, its payments and the customer's open/paid lists. */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CustomerPayment, InvoicePaymentRecord, InvoiceRecord } from './model';
import { tableDefinition } from '../data/table';
import type { ChangesQuery, StorePage } from '../kernel/types';
import type { InvoiceStore } from './port';
import { batchGetItems, conditionalWrite, queryPrefix } from '../data/document-client';
import { invoiceEntity, invoicePaymentEntity } from './entity';
import { type InvoiceList, type PaymentTracking, type InvoiceState } from './model';
import { queryChanges } from '../data/changes';
import { queryList } from '../data/lists';
import { putVersionedOwing } from '../followups/owed-write';
import { stepOwner } from '../followups/port';
import type { OwedSteps } from '../followups/owed';

export class DynamoInvoiceStore implements InvoiceStore {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getInvoice(businessId: string, invoiceId: string, options: { consistent?: boolean } = {}): Promise<InvoiceState | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: invoiceEntity.key(businessId, invoiceId), ...(options.consistent ? { ConsistentRead: true } : {}) }),
    );
    return Item ? invoiceEntity.fromItem(Item) : null;
  }

  async getInvoices(businessId: string, invoiceIds: string[]): Promise<InvoiceState[]> {
    const items = await batchGetItems(this.doc, this.tableName, [...new Set(invoiceIds)].map((id) => invoiceEntity.key(businessId, id)));
    return items.map(invoiceEntity.fromItem);
  }

  async putInvoice(invoice: InvoiceRecord, tracking: PaymentTracking, expectedVersion: number | null, owed?: OwedSteps): Promise<boolean> {
    return putVersionedOwing(this.doc, this.tableName, stepOwner('invoice', invoice), invoiceEntity.key(invoice.businessId, invoice.id), invoiceEntity.attributes(invoice, tracking), expectedVersion, owed);
  }

  async holdForCheckout(businessId: string, invoiceId: string, hold: { checkoutId: string; until: string }, now: string): Promise<boolean> {
    // Free, lapsed, or already this checkout's: the one write that settles which checkout may take the invoice.
    return conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: invoiceEntity.key(businessId, invoiceId),
          UpdateExpression: 'SET checkoutHold = :hold',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(checkoutHold) OR checkoutHold = :null OR checkoutHold.#until < :now OR checkoutHold.checkoutId = :checkout)',
          ExpressionAttributeNames: { '#until': 'until' },
          ExpressionAttributeValues: { ':hold': hold, ':null': null, ':now': now, ':checkout': hold.checkoutId },
        }),
      ),
    );
  }

  async releaseCheckoutHold(businessId: string, invoiceId: string, checkoutId: string): Promise<void> {
    await conditionalWrite(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: invoiceEntity.key(businessId, invoiceId),
          UpdateExpression: 'SET checkoutHold = :null',
          ConditionExpression: 'checkoutHold.checkoutId = :checkout',
          ExpressionAttributeValues: { ':null': null, ':checkout': checkoutId },
        }),
      ),
    );
  }

  listInvoicesChangedSince(businessId: string, query: ChangesQuery): Promise<StorePage<InvoiceState>> {
    return queryChanges(this.doc, this.tableName, invoiceEntity.changesPartition(businessId), query, invoiceEntity.fromItem);
  }

  async listRecentPayments(businessId: string, customerId: string, limit: number): Promise<CustomerPayment[]> {
    const { listsIndex } = tableDefinition;
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: listsIndex.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': listsIndex.partitionKey },
        ExpressionAttributeValues: { ':pk': invoicePaymentEntity.customerListPartition(businessId, customerId) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => ({ ...invoicePaymentEntity.fromItem(item), invoiceNumber: String(item.invoiceNumber) }));
  }

  listCustomerInvoices(
    businessId: string,
    customerId: string,
    query: { list: InvoiceList; limit: number; cursor: string | null },
  ): Promise<StorePage<InvoiceState>> {
    return queryList(
      this.doc,
      this.tableName,
      {
        partition: invoiceEntity.listPartition(businessId, customerId, query.list),
        forward: invoiceEntity.listReadsForward(query.list),
        limit: query.limit,
        name: query.list,
        cursor: query.cursor,
        keyOf: (invoiceId) => invoiceEntity.key(businessId, invoiceId),
      },
      invoiceEntity.fromItem,
    );
  }

  async putPayment(businessId: string, payment: InvoicePaymentRecord, now: string, invoice: { customerId: string; number: string }): Promise<boolean> {
    const { partitionKey, sortKey } = tableDefinition.listsIndex;
    return conditionalWrite(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...invoicePaymentEntity.key(businessId, payment.invoiceId, payment.id),
            type: invoicePaymentEntity.type,
            ...payment,
            createdAt: now,
            customerId: invoice.customerId,
            invoiceNumber: invoice.number,
            [partitionKey]: invoicePaymentEntity.customerListPartition(businessId, invoice.customerId),
            [sortKey]: `${payment.paidAt}#${payment.id}`,
          },
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
