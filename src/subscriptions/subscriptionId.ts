// Subscription ids: random, short enough for a button's value and a file or table key.
import { randomUUID } from "node:crypto";

export function newSubscriptionId(): string {
  return randomUUID();
}
