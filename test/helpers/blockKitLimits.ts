// Slack's documented limits on views and their blocks (https://docs.slack.dev/reference/block-kit),
// checked by walking a view: what Slack would refuse with invalid_blocks or invalid_arguments.
import type { HomeView, ModalView } from "@slack/types";

type Node = Record<string, unknown>;

const TEXT_LIMITS: Record<string, number> = { section: 3000, header: 150 };

export function viewProblems(view: HomeView | ModalView): string[] {
  const problems: string[] = [];
  const check = (what: string, value: unknown, max: number) => {
    if (typeof value === "string" && value.length > max) problems.push(`${what} is ${value.length} > ${max}`);
  };
  if (view.blocks.length > 100) problems.push(`${view.blocks.length} blocks > 100`);
  check("callback_id", view.callback_id, 255);
  check("private_metadata", view.private_metadata, 3000);
  if (view.type === "modal") {
    check("title", view.title.text, 24);
    check("submit", view.submit?.text, 24);
    check("close", view.close?.text, 24);
  }
  const blockIds = new Set<string>();
  for (const block of view.blocks as unknown as Node[]) {
    const type = String(block.type);
    if (typeof block.block_id === "string") {
      check("block_id", block.block_id, 255);
      if (blockIds.has(block.block_id)) problems.push(`block_id ${block.block_id} twice`);
      blockIds.add(block.block_id);
    }
    const text = block.text as Node | undefined;
    if (text) check(`${type} text`, text.text, TEXT_LIMITS[type] ?? 3000);
    if (type === "section" && typeof text?.text === "string" && text.text.trim() === "") problems.push("empty section");
    if (type === "context") {
      const elements = block.elements as Node[];
      if (elements.length > 10) problems.push(`context has ${elements.length} elements > 10`);
      for (const element of elements) check("context text", element.text, 3000);
    }
    if (type === "input") {
      check("label", (block.label as Node).text, 2000);
      check("hint", (block.hint as Node | undefined)?.text, 2000);
    }
    const elements = [
      ...(type === "actions" ? (block.elements as Node[]) : []),
      ...(block.accessory ? [block.accessory as Node] : []),
      ...(block.element ? [block.element as Node] : []),
    ];
    // action_id is unique within its block (the same button may repeat down a list).
    const actionIds = new Set<string>();
    if (type === "actions" && elements.length > 25) problems.push(`actions has ${elements.length} elements > 25`);
    for (const element of elements) {
      const actionId = element.action_id;
      if (typeof actionId !== "string") problems.push(`${String(element.type)} without action_id`);
      else {
        check("action_id", actionId, 255);
        if (actionIds.has(actionId)) problems.push(`action_id ${actionId} twice`);
        actionIds.add(actionId);
      }
      if (element.type === "button") {
        check("button text", (element.text as Node).text, 75);
        check("button value", element.value, 2000);
      }
      check("placeholder", (element.placeholder as Node | undefined)?.text, 150);
      const options = (element.options as Node[] | undefined) ?? [];
      if (options.length > 100) problems.push(`${options.length} options > 100`);
      for (const option of [...options, ...((element.initial_options as Node[] | undefined) ?? [])]) {
        check("option text", (option.text as Node).text, 75);
        check("option value", option.value, 150);
      }
    }
  }
  return problems;
}
