// Parse a slash command: the application/x-www-form-urlencoded body Slack POSTs over HTTP, or the
// JSON payload of a Socket Mode envelope, which carries the same fields.
import { isHttpUrl, isWellFormedForm } from "./formBody.js";

export interface SlashCommand {
  /** e.g. "/foodtrucks" */
  command: string;
  /** What the user typed after the command: trimmed, control characters blanked, capped. */
  text: string;
  responseUrl: string;
  userId: string;
  userName: string;
  /**
   * The workspace the command acts in, or the enterprise for an org-wide install (as Slack's own
   * SDKs key installations): interactions name it the same way (interaction.ts), so what a command
   * saves, a button can find.
   */
  teamId: string;
  teamDomain: string;
  channelId: string;
  channelName: string;
  triggerId: string;
  apiAppId: string;
}

export type ParseResult = { ok: true; command: SlashCommand } | { ok: false; reason: string };

/** Slack allows long command text; nothing we do needs more, and it bounds later work. */
export const MAX_COMMAND_TEXT_CHARS = 500;

const REQUIRED_FIELDS = ["command", "response_url", "user_id", "team_id"] as const;
// C0 controls, DEL and C1 controls (tabs and newlines included): they only make trouble in lookups and messages.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/g; // eslint-disable-line no-control-regex

export function parseSlashCommand(rawBody: string): ParseResult {
  if (!isWellFormedForm(rawBody)) return { ok: false, reason: "malformed form body" };
  const params = new URLSearchParams(rawBody);
  return commandFromFields((name) => params.get(name) ?? "");
}

/** A Socket Mode `slash_commands` envelope's payload: the form's fields as a JSON object. */
export function parseSlashCommandPayload(payload: unknown): ParseResult {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return { ok: false, reason: "payload is not an object" };
  }
  const fields = payload as Record<string, unknown>;
  return commandFromFields((name) => {
    const value = fields[name];
    return typeof value === "string" ? value : typeof value === "boolean" ? String(value) : "";
  });
}

function commandFromFields(field: (name: string) => string): ParseResult {
  for (const name of REQUIRED_FIELDS) {
    if (field(name) === "") return { ok: false, reason: `missing field: ${name}` };
  }
  // Phase 2 POSTs to this URL, so it must at least be a web URL (http allowed for a local fake Slack).
  if (!isHttpUrl(field("response_url"))) return { ok: false, reason: "invalid field: response_url" };

  return {
    ok: true,
    command: {
      command: field("command"),
      text: cleanText(field("text")),
      responseUrl: field("response_url"),
      userId: field("user_id"),
      userName: field("user_name"),
      teamId: (field("is_enterprise_install") === "true" && field("enterprise_id")) || field("team_id"),
      teamDomain: field("team_domain"),
      channelId: field("channel_id"),
      channelName: field("channel_name"),
      triggerId: field("trigger_id"),
      apiAppId: field("api_app_id"),
    },
  };
}

function cleanText(text: string): string {
  const blanked = unescapeSlack(text).replace(CONTROL_CHARS, " ").trim();
  // Cap by code points so an emoji is never cut in half.
  const codePoints = Array.from(blanked);
  if (codePoints.length <= MAX_COMMAND_TEXT_CHARS) return blanked;
  return codePoints.slice(0, MAX_COMMAND_TEXT_CHARS).join("").trimEnd();
}

/** Slack escapes `&`, `<` and `>` in command text; we want what the user typed. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
