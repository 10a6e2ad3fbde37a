// Decodes HTML character references (&amp; &#8217; &nbsp; …) in raw text and
// attribute values, exactly as htmlparser2's tokenizer would have.
//
// The page parser runs htmlparser2 with decodeEntities off (decoding the
// whole page is over a third of its cost) and decodes only the strings it keeps.
// It decodes them here with the very decoder the tokenizer uses, EntityDecoder
// from `entities` (htmlparser2's own dependency), in the tokenizer's modes:
// legacy rules for text (`&copy` without `;` decodes, as in browsers),
// attribute rules for attribute values (`?a=1&copy=2` keeps `&copy`). We do
// not use the package's decodeHTML: it is a second decoder, and bundling it
// next to the tokenizer measurably slowed the whole parse.
//
// Callers pass one whole run of text (or one whole attribute value): a
// reference never spans a tag, so decoding run by run matches the tokenizer.

import { DecodingMode, EntityDecoder, htmlDecodeTree } from "entities/decode";

/** What the decoder reported for the reference last written to it. */
let referenceText = "";
let referenceLength = 0;

const decoder = new EntityDecoder(htmlDecodeTree, (codePoint, consumed) => {
  // Called once per code point (twice for the few two-character references),
  // with the length of the reference including its "&".
  referenceText += String.fromCodePoint(codePoint);
  referenceLength = consumed;
});

/** Raw text as a browser reads it; text without "&" comes back as is. */
export function decodeText(raw: string): string {
  return raw.includes("&") ? decode(raw, DecodingMode.Legacy) : raw;
}

/** A raw attribute value as a browser reads it (`?a=1&amp;b=2` is `?a=1&b=2`). */
export function decodeAttributeValue(raw: string): string {
  return raw.includes("&") ? decode(raw, DecodingMode.Attribute) : raw;
}

function decode(raw: string, mode: DecodingMode): string {
  let decoded = "";
  let copiedUpTo = 0;
  let ampersand = raw.indexOf("&");
  while (ampersand !== -1) {
    const length = readReference(raw, ampersand, mode);
    if (length > 0) {
      decoded += raw.slice(copiedUpTo, ampersand) + referenceText;
      copiedUpTo = ampersand + length;
    }
    // A "&" that starts no reference is text; the search goes on after it.
    ampersand = raw.indexOf("&", Math.max(ampersand + 1, copiedUpTo));
  }
  return decoded + raw.slice(copiedUpTo);
}

/** Length of the reference starting at raw[ampersand] (its text left in referenceText), or 0 when none does. */
function readReference(raw: string, ampersand: number, mode: DecodingMode): number {
  referenceText = "";
  referenceLength = 0;
  decoder.startEntity(mode);
  // -1: the reference may go on past the end of the string, which ends it.
  if (decoder.write(raw, ampersand + 1) === -1) decoder.end();
  return referenceLength;
}
