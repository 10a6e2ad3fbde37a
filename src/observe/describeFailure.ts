// What a log line may say about a failure, the same everywhere: its kind and its message. Our own
// errors never carry a secret in their message (they name settings, never values).
export function describeFailure(error: unknown): { error: string; reason: string } {
  const failure = error instanceof Error ? error : new Error(String(error));
  return { error: failure.name, reason: failure.message };
}
