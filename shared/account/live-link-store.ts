/**
 * The customer's list of their live links: the pointers in their partition (written with each
 * link: sign-in links by auth's store, object links by links'), read through to the links
 * themselves, whose own items are the truth; and withdrawing one.
 */
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LiveLink, ObjectLink } from '../links/model';
import { DynamoObjectLinkStore } from '../links/store';
import type { SignInLink } from '../auth/model';
import type { LiveLinkStore } from './port';
import { liveLinkEntity, objectLinkEntity } from '../links/entity';
import { signInLinkEntity } from '../auth/entity';
import { customerEntity } from '../directory/customer-entity';
import { batchGetItems, queryPrefix } from '../data/document-client';
import { publicIdOf } from '../kernel/secrets';

/** The object links' store (withdrawing an object link is theirs), with the customer's list over both kinds. */
export class DynamoLiveLinkStore extends DynamoObjectLinkStore implements LiveLinkStore {
  constructor(private readonly client: DynamoDBDocumentClient, private readonly table: string) {
    super(client, table);
  }

  async listLiveLinks(businessId: string, customerId: string): Promise<LiveLink[]> {
    const pointers = (await queryPrefix(this.client, this.table, customerEntity.partition(businessId, customerId), liveLinkEntity.prefix, { consistent: true })).map(liveLinkEntity.fromItem);
    const keys = pointers.map((p) => (p.kind === 'sign-in' ? signInLinkEntity.key(p.tokenHash) : objectLinkEntity.key(p.kind, p.tokenHash)));
    const items = await batchGetItems(this.client, this.table, keys, { consistent: true });
    // The link's own item is the truth: used, withdrawn and revoked links are gone, whatever their pointer.
    return items
      .map((item): LiveLink & { businessId: string; customerId: string } =>
        item.type === objectLinkEntity.type ? fromObjectLink(objectLinkEntity.fromItem(item)) : fromSignInLink(signInLinkEntity.fromItem(item)),
      )
      .filter((link) => link.businessId === businessId && link.customerId === customerId);
  }

  async deleteLiveLinkPointer(businessId: string, customerId: string, tokenHash: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: liveLinkEntity.key(businessId, customerId, publicIdOf('lnk', tokenHash)) }));
  }

  async deleteSignInLink(tokenHash: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: signInLinkEntity.key(tokenHash) }));
  }
}

const fromObjectLink = ({ kind, tokenHash, businessId, customerId, objectId, opens, sentTo, issuedAt, expiresAt }: ObjectLink) => ({ kind, tokenHash, businessId, customerId, objectId, opens, sentTo, issuedAt, expiresAt });
const fromSignInLink = ({ tokenHash, businessId, customerId, sentTo, issuedAt, expiresAt }: SignInLink) => ({ kind: 'sign-in' as const, tokenHash, businessId, customerId, objectId: null, opens: null, sentTo, issuedAt, expiresAt });
