// Reads the small block-YAML subset slack/manifest.yaml is written in — nested maps, lists,
// quoted or plain scalars, booleans, integers, comments — so a test can check the manifest without
// a YAML package. Anything outside the subset throws, naming the line, rather than being misread.

interface Line {
  number: number;
  indent: number;
  text: string;
}

const KEY = /^([A-Za-z_][\w-]*):(?: +(.*))?$/;

export function readSimpleYaml(source: string): unknown {
  const lines: Line[] = [];
  source.split("\n").forEach((raw, index) => {
    const text = raw.trim();
    if (text === "" || text.startsWith("#")) return;
    if (/^\t| \t/.test(raw)) fail(index + 1, "tabs in indentation");
    lines.push({ number: index + 1, indent: raw.length - raw.trimStart().length, text });
  });
  let at = 0;

  const block = (indent: number): unknown => (lines[at]!.text.startsWith("- ") ? list(indent) : map(indent));

  function map(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (at < lines.length && lines[at]!.indent === indent && !lines[at]!.text.startsWith("- ")) {
      const line = lines[at++]!;
      const match = KEY.exec(line.text) ?? fail(line.number, "expected `key:` or `key: value`");
      const [, key, value] = match;
      if (key! in out) fail(line.number, `duplicate key ${key}`);
      if (value !== undefined && value !== "") out[key!] = scalar(value, line.number);
      else if (at < lines.length && lines[at]!.indent > indent) out[key!] = block(lines[at]!.indent);
      else fail(line.number, `${key} has no value`);
    }
    if (at < lines.length && lines[at]!.indent > indent) fail(lines[at]!.number, "unexpected indentation");
    return out;
  }

  function list(indent: number): unknown[] {
    const out: unknown[] = [];
    while (at < lines.length && lines[at]!.indent === indent && lines[at]!.text.startsWith("- ")) {
      const line = lines[at]!;
      const rest = line.text.slice(2).trimStart();
      if (KEY.test(rest)) {
        // "- key: value" opens a map whose other keys sit where `key` does.
        lines[at] = { number: line.number, indent: indent + line.text.indexOf(rest), text: rest };
        out.push(map(lines[at]!.indent));
      } else {
        at++;
        out.push(scalar(rest, line.number));
      }
    }
    return out;
  }

  const result = block(lines[0]?.indent ?? 0);
  if (at < lines.length) fail(lines[at]!.number, "unexpected indentation");
  return result;
}

function scalar(text: string, line: number): unknown {
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return fail(line, "a double-quoted string must stand alone and use JSON escapes");
    }
  }
  const plain = text.replace(/ +#.*$/, "");
  if (plain.startsWith("'")) {
    if (!/^'([^']|'')*'$/.test(plain)) fail(line, "unterminated single-quoted string");
    return plain.slice(1, -1).replace(/''/g, "'");
  }
  if (plain === "true" || plain === "false") return plain === "true";
  if (/^-?\d+$/.test(plain)) return Number(plain);
  if (/^[[\]{}&*!|>%@`,?:-]|: /.test(plain) || /^(yes|no|on|off|null|~)$/i.test(plain)) {
    fail(line, `quote this value: ${plain}`);
  }
  return plain;
}

function fail(line: number, reason: string): never {
  throw new Error(`manifest line ${line}: ${reason}`);
}
