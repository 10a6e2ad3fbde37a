// Where a scheduled digest's webhook URL comes from on AWS: the SSM SecureString its job names,
// read decrypted on first use and kept for the instance's life (a digest instance is usually cold
// anyway). A failed read is not kept, so a retry tries SSM again.
import { cachedOnSuccess } from "../../aws/cachedOnSuccess.js";

type ReadParameter = (name: string) => Promise<string>;

export function createWebhookParameterReader(read: ReadParameter): ReadParameter {
  return cachedOnSuccess(read);
}
