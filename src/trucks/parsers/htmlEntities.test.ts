import fc from "fast-check";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { decodeAttributeValue, decodeText } from "./htmlEntities.js";

/** What htmlparser2 itself makes of `raw` as the text of an element, decoding on. */
function tokenizerText(raw: string): string {
  let text = "";
  new Parser({ ontext: (data) => (text += data) }).end(`<p>${raw}</p>`);
  return text;
}

/** What htmlparser2 itself makes of `raw` as a quoted attribute value, decoding on. */
function tokenizerAttribute(raw: string): string | undefined {
  let value: string | undefined;
  new Parser({ onattribute: (_name, data) => (value = data) }).end(`<a href="${raw}">`);
  return value;
}

// Pieces that stress the decoder: whole, unterminated, unknown and legacy (no ";") references.
const pieces = fc.constantFrom(
  "&",
  "&amp",
  "&amp;",
  "&am",
  "&#",
  "&#x",
  "&#38",
  "&#x26;",
  "&#8217;",
  "&#x2019",
  "&nbsp;",
  "&nbsp",
  "&not",
  "&notin",
  "&notit;",
  "&copy",
  "&copy=",
  "=",
  ";",
  "#",
  "a",
  "Z",
  "9",
  " ",
  "x",
  "&#0;",
  "&#xD800;",
  "&#99999999;",
  "&lt",
  "&NotNestedGreaterGreater;",
  "&acE;",
  "&&",
  "\u00a0",
  "\n",
  "&eacute",
);
const rawText = fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join(""));

describe("htmlEntities", () => {
  it("decodes text as htmlparser2's tokenizer does", () => {
    fc.assert(
      fc.property(rawText, (raw) => decodeText(raw) === tokenizerText(raw)),
      { numRuns: 2000 },
    );
  });

  it("decodes attribute values as htmlparser2's tokenizer does", () => {
    fc.assert(
      fc.property(rawText, (raw) => decodeAttributeValue(raw) === tokenizerAttribute(raw)),
      { numRuns: 2000 },
    );
  });

  it("follows the browser rules for references without a semicolon", () => {
    expect(decodeText("&copy 2017, Pedro &amp Vinny&#8217s &#x2019;")).toBe("\u00a9 2017, Pedro & Vinny\u2019s \u2019");
    expect(decodeText("&notanentity; &#0;")).toBe("\u00acanentity; \ufffd");
    // In attributes a legacy name followed by "=" or a letter is left alone (query strings).
    expect(decodeAttributeValue("/?a=1&amp;b=2&copy=3&not")).toBe("/?a=1&b=2&copy=3\u00ac");
  });

  it("returns text without references as is", () => {
    const raw = "Pedro and Vinny's";
    expect(decodeText(raw)).toBe(raw);
    expect(decodeAttributeValue(raw)).toBe(raw);
  });
});
