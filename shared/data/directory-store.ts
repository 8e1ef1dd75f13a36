/** Businesses, customers and the contact → customer lookup. */
import { BatchGetCommand, GetCommand, PutCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Business, Contact, Customer } from '../domain/model';
import type { DirectoryStore, DirectoryWriter, PendingLink } from '../domain/ports';
import { keys } from './keys';

type CustomerItem = Customer & { pendingLink?: PendingLink };

export class DynamoDirectoryStore implements DirectoryStore, DirectoryWriter {
  constructor(private readonly doc: DynamoDBDocumentClient, private readonly tableName: string) {}

  async getBusiness(businessId: string): Promise<Business | null> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.business(businessId) }));
    return Item ? toBusiness(Item) : null;
  }

  async getCustomerWithBusiness(businessId: string, customerId: string) {
    const wanted = [keys.customer(businessId, customerId), keys.business(businessId)];
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = { [this.tableName]: { Keys: wanted } };
    const items: Record<string, unknown>[] = [];
    // BatchGet may hand back unprocessed keys under throttling; ask again for just those.
    for (let attempt = 0; request && attempt < 5; attempt++) {
      const out: BatchGetCommandOutput = await this.doc.send(new BatchGetCommand({ RequestItems: request }));
      items.push(...(out.Responses?.[this.tableName] ?? []));
      const rest = out.UnprocessedKeys?.[this.tableName]?.Keys;
      request = rest && rest.length > 0 ? { [this.tableName]: { Keys: rest } } : undefined;
    }
    const customer = items.find((i) => i.sk === 'PROFILE' && i.pk === wanted[0]!.pk);
    const business = items.find((i) => i.pk === wanted[1]!.pk);
    if (!customer || !business) return null;
    return { customer: toCustomer(customer), business: toBusiness(business) };
  }

  async findCustomerIdByContact(businessId: string, contact: Contact): Promise<string | null> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.contact(businessId, contact.channel, contact.address) }),
    );
    return typeof Item?.customerId === 'string' ? Item.customerId : null;
  }

  async getCustomer(businessId: string, customerId: string) {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.customer(businessId, customerId), ConsistentRead: true }),
    );
    if (!Item) return null;
    const pending = (Item as CustomerItem).pendingLink;
    return { ...toCustomer(Item), pendingLink: pending ? { tokenHash: pending.tokenHash, requestId: pending.requestId } : null };
  }

  async putBusiness(business: Business): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.business(business.id), type: 'business', ...business } }));
  }

  /** Writes the profile, then one lookup item per contact address (deterministic keys: a re-run overwrites). */
  async putCustomer(customer: Customer): Promise<void> {
    const { businessId, id } = customer;
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.customer(businessId, id), type: 'customer', ...customer } }));
    const contacts: Contact[] = [];
    if (customer.email) contacts.push({ channel: 'email', address: customer.email });
    if (customer.phone) contacts.push({ channel: 'sms', address: customer.phone });
    for (const contact of contacts) {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.contact(businessId, contact.channel, contact.address), type: 'contact', customerId: id },
        }),
      );
    }
  }
}

function toBusiness(item: Record<string, unknown>): Business {
  const b = item as unknown as Business;
  return {
    id: b.id,
    name: b.name,
    timeZone: b.timeZone,
    primaryColor: b.primaryColor,
    logoUrl: b.logoUrl ?? null,
    menu: b.menu ?? ['jobs'],
    contactPhone: b.contactPhone ?? null,
    contactEmail: b.contactEmail ?? null,
  };
}

function toCustomer(item: Record<string, unknown>): Customer {
  const c = item as unknown as Customer;
  return { businessId: c.businessId, id: c.id, name: c.name, email: c.email ?? null, phone: c.phone ?? null };
}
