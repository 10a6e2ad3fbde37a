// `slacktrux try "<text>"`: plays Slack against a running server — signs a /foodtrucks command,
// sends it, prints the acknowledgement, then prints what phase 2 posts to a local response_url.
import { interpretCommandText } from "../phase1/commandText.js";
import type { SlackMessage } from "../slack/blockKit.js";
import { signSlackRequest } from "../slack/verifySignature.js";
import { renderMessage } from "./renderMessage.js";
import { startResponseCatcher } from "./responseCatcher.js";

export interface TryOptions {
  text: string;
  serverUrl: string;
  signingSecret: string;
  timeoutMs?: number;
  print: (line: string) => void;
}

/** The fields Slack sends with a slash command; ids are obviously local ones. */
function slashCommandBody(text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: "local-try",
    team_id: "T0LOCAL",
    team_domain: "local",
    channel_id: "C0LOCAL",
    channel_name: "local-test",
    user_id: "U0LOCAL",
    user_name: "you",
    command: "/foodtrucks",
    text,
    api_app_id: "A0LOCAL",
    response_url: responseUrl,
    trigger_id: "0.0.local",
  }).toString();
}

/** Returns the process exit code: 0 when a final answer arrived. */
export async function runTry(options: TryOptions): Promise<number> {
  const { print, timeoutMs = 15_000 } = options;
  const catcher = await startResponseCatcher();
  try {
    const body = slashCommandBody(options.text, catcher.url);
    const timestamp = Math.floor(Date.now() / 1000);
    const endpoint = new URL("/slack/commands", options.serverUrl);
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": signSlackRequest(options.signingSecret, timestamp, body),
        },
        body,
      });
    } catch {
      print(`Could not reach ${endpoint.origin}. Is the server running (npm start)?`);
      return 1;
    }
    const answer = await response.text();
    if (response.status !== 200) {
      print(`The server refused the command: HTTP ${response.status} ${answer}`);
      return 1;
    }
    print("Acknowledgement (within Slack's 3 seconds):");
    print(indent(renderMessage(JSON.parse(answer) as SlackMessage)));
    // Help and a misread subscription command are answered by phase 1 alone.
    if (["help", "usage"].includes(interpretCommandText(options.text).kind)) return 0;

    const messages = await catcher.waitForMessages(timeoutMs);
    if (messages.length === 0) {
      print(
        `No final message within ${timeoutMs / 1000} s. The server must allow posting to this machine: ` +
          "start it with SLACK_RESPONSE_URL_HOSTS=hooks.slack.com,127.0.0.1",
      );
      return 1;
    }
    for (const message of messages) {
      print("");
      print("Then posted to response_url:");
      print(indent(renderMessage(message)));
    }
    return 0;
  } finally {
    await catcher.close();
  }
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => "  " + line)
    .join("\n");
}
