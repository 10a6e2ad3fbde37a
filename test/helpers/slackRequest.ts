// Builds slash-command requests the way Slack sends them, signed with a test secret.
import { createHmac } from "node:crypto";

export const TEST_SECRET = "test-signing-secret-0123456789abcdef";

/** A slash command's fields as Slack sends them: the form over HTTP, the JSON payload in Socket Mode. */
export function commandFields(text: string, responseUrl: string): Record<string, string> {
  return {
    token: "deprecated-token",
    team_id: "T0TEST",
    team_domain: "testers",
    channel_id: "C0TEST",
    channel_name: "lunch",
    user_id: "U0ASKER",
    user_name: "asker",
    command: "/foodtrucks",
    text,
    api_app_id: "A0TEST",
    response_url: responseUrl,
    trigger_id: "1.2.3",
  };
}

export function commandBody(text: string, responseUrl: string, overrides: Record<string, string> = {}): string {
  return new URLSearchParams({ ...commandFields(text, responseUrl), ...overrides }).toString();
}

/** Computed here independently of the code under test, per Slack's published recipe. */
export function signatureFor(secret: string, timestamp: number | string, body: string): string {
  return "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
}

export function signedHeaders(
  body: string,
  options: { secret?: string | undefined; timestamp?: number } = {},
): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signatureFor(options.secret ?? TEST_SECRET, timestamp, body),
  };
}
