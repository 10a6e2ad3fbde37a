// Reads the Food Truck Fiesta list page into places and their trucks.
//
// One streaming pass with htmlparser2 (no DOM, no regexes over HTML): the page
// is large and we need only a sliver of it. htmlparser2 closes unclosed and
// implied elements itself and drops stray end tags, so its open/close events
// are balanced and a plain stack mirrors its tree.
//
// Speed matters (pages run to a megabyte), so the wiring is leaner than
// htmlparser2's defaults; each step measured on a generated 1 MB page:
// - decodeEntities is off. Decoding every text and attribute of the page took
//   over a third of the parse, and we keep only a few strings: heading and
//   link text, href, the class that marks the list. Those are decoded when
//   read, before whitespace is collapsed (so &nbsp; collapses like a space),
//   by htmlEntities.ts, which decodes exactly as the tokenizer would have.
// - Text and attribute events bypass the Parser (see PageEvents), which would
//   slice every text and attribute of the page into strings and lower-case
//   every attribute name. The collector gets positions in the page and slices
//   only what it reads. Tag events still go through the Parser, whose element
//   stack handles implied and unclosed tags.
// - No onopentag: it makes the Parser build an attributes object per tag.
// - Parsing stops at the end of the list.
//
// Page shape (test/fixtures/foodtruckfiesta/README.md): inside
// div.post-content each h2 names a place; each truck is a block (div, p, li…)
// whose whole text is one link. Everything outside post-content is menus,
// sidebars and footers.

import { Parser, type ParserOptions, Tokenizer, type TokenizerCallbacks } from "htmlparser2";
import { decodeAttributeValue, decodeText } from "./htmlEntities.js";
import { addTruck, SKIPPED_TEXT_TAGS, startPlace, type PlaceBuilder } from "./placeBuilder.js";
import type { PlaceListing } from "../types.js";

const POST_CONTENT_CLASS = "post-content";

/** Elements that make their own block: a truck's link must fill one of these on its own. */
const BLOCK_TAGS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "caption",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

// What each element open inside post-content is, as far as this parser cares.
const OTHER = 0;
const BLOCK = 1;
const LINK = 2;
const HEADING = 3;
const IGNORED = 4;
type Kind = typeof OTHER | typeof BLOCK | typeof LINK | typeof HEADING | typeof IGNORED;

// Elements whose attributes we read.
const NO_TARGET = 0;
const POST_CONTENT_CANDIDATE = 1; // a div outside the list: is it div.post-content?
const OPEN_LINK = 2; // the link just opened: its href
type AttributeTarget = typeof NO_TARGET | typeof POST_CONTENT_CANDIDATE | typeof OPEN_LINK;

/**
 * An open block. It holds a truck when exactly one named link sits in it and
 * nothing else has text. Frames are pooled by depth: pages have thousands of
 * blocks, and reusing frames keeps garbage collection out of the parse.
 */
interface BlockFrame {
  hasOtherText: boolean;
  namedLinks: number;
  linkName: string;
  linkUrl: string | null;
  linkPlace: PlaceBuilder | null;
}

/** Whitespace (nbsp included: JS `\s` covers it) collapsed to single spaces, trimmed. */
function collapseWhitespace(text: string): string {
  return isTidy(text) ? text : text.replace(/\s+/g, " ").trim();
}

/**
 * True when `text` has no leading, trailing, doubled or non-space whitespace.
 * Most names already are, and skipping the regex for them is cheaper.
 */
// Stryker disable all: isTidy only picks the fast path; a mutant that calls a tidy name untidy takes the regex, which returns it unchanged (the names' whitespace tests catch the reverse)
function isTidy(text: string): boolean {
  let previousWasSpace = true; // so a leading space counts as untidy
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 32) {
      if (previousWasSpace) return false;
      previousWasSpace = true;
    } else if (code < 32 || code === 0xa0) {
      return false;
    } else if (code >= 0x1680 && /\s/.test(text.charAt(index))) {
      return false; // the rarer Unicode spaces
    } else {
      previousWasSpace = false;
    }
  }
  return !previousWasSpace || text.length === 0;
}
// Stryker restore all

const NON_WHITESPACE = /\S/;

function hasClass(classAttribute: string, className: string): boolean {
  return classAttribute.includes(className) && classAttribute.split(/\s+/).includes(className);
}

/** Follows the parser's events and collects the places; one instance per page. */
class ListingCollector {
  readonly places: PlaceBuilder[] = [];
  /** Set once the list has been read, so the rest of the page can be skipped. */
  done = false;

  private currentPlace: PlaceBuilder | null = null;
  /** Which just-opened element the next attributes belong to, if it is one we care about. */
  private attributeTarget: AttributeTarget = NO_TARGET;
  /** Kinds of the elements open inside post-content; empty while outside it. */
  private readonly kinds: Kind[] = [];
  private readonly blockPool: BlockFrame[] = [];
  private blockDepth = 0;
  private ignoredTextDepth = 0;
  /** Text of the open h2, or null when none is open. */
  private headingText: string | null = null;
  // The open link, if any (links inside links are just its text).
  private linkOpen = false;
  private linkText = "";
  private linkUrl: string | null = null;
  private linkPlace: PlaceBuilder | null = null;
  // The attribute being read, while attributeTarget says its element matters.
  private attributeName = "";
  private valueStart = -1;
  private valueEnd = -1;

  /** @param page The whole page, which the text and attribute events point into. */
  constructor(private readonly page: string) {}

  /** A start tag's name; its attributes follow. */
  open(name: string): void {
    this.attributeTarget = NO_TARGET;
    if (this.kinds.length === 0) {
      // Outside the list only a div can matter, and only if its class says so.
      if (name === "div") this.attributeTarget = POST_CONTENT_CANDIDATE;
      return;
    }
    this.kinds.push(this.openInside(name));
  }

  /** An attribute of the start tag last passed to open() begins with this name. */
  attributeNameAt(start: number, end: number): void {
    if (this.attributeTarget === NO_TARGET) return; // most attributes: not even sliced
    this.attributeName = this.page.slice(start, end).toLowerCase();
    this.valueStart = -1;
  }

  /** The current attribute's value, or a piece of it (the pieces are contiguous). */
  attributeValueAt(start: number, end: number): void {
    if (this.attributeTarget === NO_TARGET) return;
    if (this.valueStart === -1) this.valueStart = start;
    this.valueEnd = end;
  }

  attributeEnd(): void {
    if (this.attributeTarget === NO_TARGET) return;
    const rawValue = this.valueStart === -1 ? "" : this.page.slice(this.valueStart, this.valueEnd);
    this.attribute(this.attributeName, rawValue);
  }

  /** The first of a repeated attribute wins, as in browsers. */
  private attribute(name: string, rawValue: string): void {
    if (this.attributeTarget === POST_CONTENT_CANDIDATE && name === "class") {
      this.attributeTarget = NO_TARGET;
      if (hasClass(decodeAttributeValue(rawValue), POST_CONTENT_CLASS)) {
        this.kinds.push(BLOCK);
        this.openBlock();
      }
    } else if (this.attributeTarget === OPEN_LINK && name === "href") {
      this.attributeTarget = NO_TARGET;
      const href = decodeAttributeValue(rawValue).trim();
      this.linkUrl = href === "" ? null : href;
    }
  }

  /**
   * Text of the page, entities not yet decoded. Text is only ever cut at a "<",
   * which ends any entity, so decoding each piece on its own is exact.
   */
  pageTextAt(start: number, end: number): void {
    this.attributeTarget = NO_TARGET;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, text() makes the same check; this one only saves slicing
    if (this.kinds.length === 0 || this.ignoredTextDepth > 0) return; // not even sliced
    this.text(decodeText(this.page.slice(start, end)));
  }

  /** Text as a reader sees it: decoded page text, CDATA in svg or math, or a word break. */
  text(text: string): void {
    this.attributeTarget = NO_TARGET;
    if (this.kinds.length === 0 || this.ignoredTextDepth > 0) return;
    if (this.headingText !== null) {
      this.headingText += text;
    } else if (this.linkOpen) {
      this.linkText += text;
    } else if (this.blockDepth > 0 && NON_WHITESPACE.test(text)) {
      this.topBlock().hasOtherText = true;
    }
  }

  close(name: string): void {
    this.attributeTarget = NO_TARGET;
    const kind = this.kinds.pop();
    if (kind === undefined) return;
    switch (kind) {
      case IGNORED:
        this.ignoredTextDepth--;
        break;
      case HEADING:
        this.closeHeading();
        break;
      case LINK:
        this.closeLink();
        break;
      case BLOCK:
        this.closeBlock();
        break;
      case OTHER:
        // A block inside a link or heading ends a line, like it starts one.
        if (BLOCK_TAGS.has(name)) this.text(" ");
        break;
    }
    if (this.kinds.length === 0) this.leavePostContent();
  }

  private openInside(name: string): Kind {
    if (SKIPPED_TEXT_TAGS.has(name)) {
      this.ignoredTextDepth++;
      return IGNORED;
    }
    if (name === "h2" && this.headingText === null) {
      this.linkPlace = null; // a heading inside a link spoils it as a truck
      this.currentPlace = null;
      this.headingText = "";
      return HEADING;
    }
    // Inside a heading or a link, inner markup is only part of their text,
    // but a line break or block still separates words ("Pedro<br>Vinny").
    if (this.headingText !== null || this.linkOpen) {
      if (name === "br" || BLOCK_TAGS.has(name)) this.text(" ");
      return OTHER;
    }
    if (name === "a") {
      this.linkOpen = true;
      this.linkText = "";
      this.linkUrl = null; // until an href attribute says otherwise
      this.linkPlace = this.currentPlace;
      this.attributeTarget = OPEN_LINK;
      return LINK;
    }
    if (BLOCK_TAGS.has(name)) {
      this.openBlock();
      return BLOCK;
    }
    return OTHER;
  }

  private openBlock(): void {
    let frame = this.blockPool[this.blockDepth];
    if (frame === undefined) {
      frame = { hasOtherText: false, namedLinks: 0, linkName: "", linkUrl: null, linkPlace: null };
      this.blockPool.push(frame);
    }
    frame.hasOtherText = false;
    frame.namedLinks = 0;
    frame.linkPlace = null;
    this.blockDepth++;
  }

  private topBlock(): BlockFrame {
    // Callers check blockDepth > 0; post-content itself is a block, so it always is inside.
    return this.blockPool[this.blockDepth - 1] as BlockFrame;
  }

  private closeLink(): void {
    this.linkOpen = false;
    const name = collapseWhitespace(this.linkText);
    if (name === "" || this.blockDepth === 0) return; // an empty-named link is no truck and no text
    const block = this.topBlock();
    block.namedLinks++;
    block.linkName = name;
    block.linkUrl = this.linkUrl;
    block.linkPlace = this.linkPlace;
  }

  private closeBlock(): void {
    if (this.blockDepth === 0) return;
    const block = this.topBlock();
    this.blockDepth--;
    if (!block.hasOtherText && block.namedLinks === 1 && block.linkPlace !== null) {
      addTruck(block.linkPlace, block.linkName, block.linkUrl);
    }
    // The enclosing block's text includes this block's text.
    if (this.blockDepth > 0 && (block.hasOtherText || block.namedLinks > 0)) {
      this.topBlock().hasOtherText = true;
    }
  }

  private closeHeading(): void {
    const name = collapseWhitespace(this.headingText ?? "");
    this.headingText = null;
    if (name === "") return; // a nameless heading ends the previous place; what follows belongs nowhere
    this.currentPlace = startPlace(name);
    this.places.push(this.currentPlace);
    if (this.blockDepth > 0) this.topBlock().hasOtherText = true;
  }

  private leavePostContent(): void {
    this.currentPlace = null;
    this.blockDepth = 0;
    this.ignoredTextDepth = 0;
    this.headingText = null;
    this.linkOpen = false;
    // The page has one list; stop once it has been read. An empty post-content
    // (some themes add one for a banner) does not count, so keep looking then.
    if (this.places.length > 0) this.done = true;
  }
}

/**
 * Where the tokenizer's events go: text and attributes to the collector, as
 * positions in the page; everything else to the Parser, whose element stack
 * keeps the tags balanced.
 */
class PageEvents implements TokenizerCallbacks {
  constructor(
    private readonly parser: TokenizerCallbacks,
    private readonly collector: ListingCollector,
  ) {}

  ontext(start: number, end: number): void {
    this.collector.pageTextAt(start, end);
  }
  onattribname(start: number, end: number): void {
    this.collector.attributeNameAt(start, end);
  }
  onattribdata(start: number, end: number): void {
    this.collector.attributeValueAt(start, end);
  }
  onattribend(): void {
    this.collector.attributeEnd();
  }
  // Never called: decodeEntities is off.
  ontextentity(): void {}
  onattribentity(): void {}

  onopentagname(start: number, end: number): void {
    this.parser.onopentagname(start, end);
  }
  onopentagend(end: number): void {
    this.parser.onopentagend(end);
  }
  onselfclosingtag(end: number): void {
    this.parser.onselfclosingtag(end);
  }
  onclosetag(start: number, end: number): void {
    this.parser.onclosetag(start, end);
  }
  oncdata(start: number, end: number, endOffset: number): void {
    this.parser.oncdata(start, end, endOffset);
  }
  // Stryker disable next-line BlockStatement: equivalent, the Parser is given no handler for these
  oncomment(start: number, end: number, endOffset: number): void {
    // Stryker disable next-line CallExpression: equivalent, the Parser is given no handler for these
    this.parser.oncomment(start, end, endOffset);
  }
  // Stryker disable next-line BlockStatement: equivalent, the Parser is given no handler for these
  ondeclaration(start: number, end: number): void {
    // Stryker disable next-line CallExpression: equivalent, the Parser is given no handler for these
    this.parser.ondeclaration(start, end);
  }
  // Stryker disable next-line BlockStatement: equivalent, the Parser is given no handler for these
  onprocessinginstruction(start: number, end: number): void {
    // Stryker disable next-line CallExpression: equivalent, the Parser is given no handler for these
    this.parser.onprocessinginstruction(start, end);
  }
  onend(): void {
    this.parser.onend();
  }
  isInForeignContext(): boolean {
    // Stryker disable next-line BooleanLiteral: equivalent, the Parser always has isInForeignContext
    return this.parser.isInForeignContext?.() ?? false;
  }
}

/** Parser options that also carry the collector to the tokenizer, which the Parser builds from them. */
interface CollectingParserOptions extends ParserOptions {
  collector: ListingCollector;
}

/**
 * The Parser's tokenizer, with its events split by PageEvents. One class for
 * all pages (the collector comes in the options): a class per page would give
 * every page fresh hidden classes and keep the tokenizer from being optimized.
 */
class CollectingTokenizer extends Tokenizer {
  constructor(options: CollectingParserOptions, parser: TokenizerCallbacks) {
    super(options, new PageEvents(parser, options.collector));
  }
}

/** The places listed on a Food Truck Fiesta list page, in page order; [] when the page has no list. */
export function parseFoodTruckFiesta(html: string): PlaceListing[] {
  // Cheap exit for pages that cannot hold the list (error pages, empty bodies).
  if (typeof html !== "string" || !html.includes(POST_CONTENT_CLASS)) return [];

  const collector = new ListingCollector(html);
  // Positions in the page are positions in `html`, because it is written in one piece.
  const options: CollectingParserOptions = { decodeEntities: false, Tokenizer: CollectingTokenizer, collector };
  const parser: Parser = new Parser(
    {
      onopentagname: (name) => {
        collector.open(name);
      },
      onclosetag: (name) => {
        collector.close(name);
        if (collector.done) parser.pause(); // skip the sidebar and footer
      },
      // Page text goes straight to the collector (see PageEvents); the
      // Parser only reports CDATA inside svg or math here, which is literal.
      ontext: (text) => {
        collector.text(text);
      },
    },
    options,
  );
  try {
    parser.end(html);
    // Stryker disable next-line BlockStatement: unreachable, htmlparser2 does not throw
  } catch {
    // htmlparser2 does not throw on bad markup; this only backs the "never throws" promise.
    return [];
  }
  return collector.places.map((place) => place.listing);
}
