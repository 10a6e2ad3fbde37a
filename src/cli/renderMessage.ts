// Shows a Slack message in a terminal as a person would read it in Slack: headers in capitals,
// links as "label (url)", mentions as @id, escapes undone.
import type { SlackMessage } from "../slack/blockKit.js";

export function renderMessage(message: SlackMessage): string {
  const audience = message.response_type === "in_channel" ? "in channel" : "only you";
  const lines: string[] = [];
  if (!message.blocks?.length) {
    lines.push(renderMrkdwn(message.text));
  }
  for (const block of message.blocks ?? []) {
    if (block.type === "header") lines.push("", block.text.text.toUpperCase());
    else if (block.type === "section") {
      if (block.text) lines.push(renderMrkdwn(block.text.text));
      for (const field of block.fields ?? []) lines.push(renderMrkdwn(field.text));
    } else if (block.type === "context") {
      const parts = block.elements.map((element) => ("text" in element ? renderMrkdwn(element.text) : ""));
      lines.push(parts.filter(Boolean).join("  "));
    } else if (block.type === "divider") lines.push("—".repeat(20));
    else if (block.type === "actions") {
      const controls = block.elements.map((element) => {
        if (element.type === "button") return `[ ${element.text.text} ]`;
        if (element.type === "static_select") {
          const options = (element.options ?? []).map((option) => option.text.text).join(" | ");
          return `[ ${element.placeholder?.text ?? "Choose"} ▾ ] ${options}`;
        }
        return `[ ${element.type} ]`;
      });
      lines.push(controls.join(" "));
    }
  }
  return `[${audience}] ` + lines.join("\n").replace(/^\n+/, "");
}

function renderMrkdwn(text: string): string {
  return text
    .replace(/<([^<>|]+)\|([^<>]+)>/g, (_, url: string, label: string) => `${label} (${url})`)
    .replace(/<@([A-Z0-9]+)>/g, "@$1")
    .replace(/<!([a-z]+)>/g, "@$1")
    .replace(/<([^<>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
