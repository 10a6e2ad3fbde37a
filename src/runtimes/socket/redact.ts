// Socket Mode's secrets are the app token and the one-time ticket in the query of the wss URL
// apps.connections.open returns. Error text from ws or node:http may quote either, so any text
// that could reach a log passes through here first.

/** Replaces xapp- tokens and the query of ws(s) URLs. */
export function redact(text: string): string {
  return text.replace(/xapp-[\w-]+/g, "xapp-***").replace(/(wss?:\/\/[^\s?#]*)[?#]\S*/g, "$1?***");
}
