/**
 * The local stand-in for SES and SNS: every message lands here, is printed to the console and
 * is listed at GET /dev/outbox. Never deployed.
 */
import type { Notifier, OutgoingMessage } from '../../../shared/notifications/port';

export interface OutboxMessage extends OutgoingMessage {
  id: number;
  at: string;
  /** The first URL in the text, for convenience (the sign-in link). */
  link: string | null;
}

export class Outbox implements Notifier {
  private readonly sent: OutboxMessage[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(private readonly print: (line: string) => void) {}

  async send(message: OutgoingMessage): Promise<void> {
    const entry: OutboxMessage = {
      ...message,
      id: this.sent.length + 1,
      at: new Date().toISOString(),
      link: /https?:\/\/\S+/.exec(message.text)?.[0] ?? null,
    };
    this.sent.push(entry);
    const heading = message.channel === 'email' ? `email to ${message.to}: ${message.subject ?? ''}` : `text to ${message.to}`;
    this.print(`\n[outbox] ${heading}\n${message.text}\n`);
    for (const wake of this.waiters) wake();
  }

  /** Newest first. */
  messages(): OutboxMessage[] {
    return [...this.sent].reverse();
  }

  /** Resolves with the newest message matching, waiting for it to arrive if need be. */
  waitFor(match: (m: OutboxMessage) => boolean, timeoutMs = 5000): Promise<OutboxMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.messages().find(match);
        if (!found) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`No outbox message matched within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }
}
