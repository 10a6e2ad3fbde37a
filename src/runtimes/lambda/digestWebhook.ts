// Where a scheduled digest's webhook URL comes from on AWS: the SSM SecureString its job names,
// read decrypted on first use and kept for the instance's life (a digest instance is usually cold
// anyway). A failed read is not kept, so a retry tries SSM again.
type ReadParameter = (name: string) => Promise<string>;

export function createWebhookParameterReader(read: ReadParameter): ReadParameter {
  const cached = new Map<string, Promise<string>>();
  return (name) => {
    const known = cached.get(name);
    if (known) return known;
    const reading = read(name);
    cached.set(name, reading);
    reading.catch(() => {
      if (cached.get(name) === reading) cached.delete(name);
    });
    return reading;
  };
}
