// HTML built from templates in which every interpolated value is escaped, unless it is already
// HTML made here: a workspace's name or anything else from outside cannot become markup.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

type Value = SafeHtml | string | number | readonly (SafeHtml | string)[];

/** `html\`<p>${name}</p>\``: strings and numbers escaped, SafeHtml (and lists of it) kept as they are. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

function render(value: Value): string {
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map((item) => render(item as Value)).join("");
  return escapeHtml(String(value));
}
