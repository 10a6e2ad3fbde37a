// Reads any tracker page that three CSS selectors describe (TRACKER_KIND=selectors): containers
// that hold the list, headings inside them that name places, and links inside them that name
// trucks. A truck belongs to the last heading before it in page order, so flat layouts
// (h3, ul, h3, ul…) and nested ones (section > h3 + ul) both work.
//
// Unlike the Food Truck Fiesta parser this builds a DOM (htmlparser2) and matches selectors on it
// (css-select): slower, but generic. The page is still read in one walk, with the matched
// containers, headings and links looked up in sets, so the work grows with the page, not its square.
import { compile, selectAll } from "css-select";
import { isTag, isText, type AnyNode, type Element, type ParentNode } from "domhandler";
import { parseDocument } from "htmlparser2";
import { addTruck, SKIPPED_TEXT_TAGS, startPlace, type PlaceBuilder } from "./placeBuilder.js";
import { InvalidSelectorsError, SELECTOR_KEYS, type TrackerSelectors } from "./cssSelectorSettings.js";
import type { PlaceListing } from "../types.js";

type Query = ReturnType<typeof compile<AnyNode, Element>>;

/** Elements that separate words in a name ("Pedro<br>Vinny" is "Pedro Vinny"). */
const WORD_BREAKING_TAGS = new Set([
  "br",
  "hr",
  "p",
  "div",
  "li",
  "dt",
  "dd",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "td",
  "th",
  "tr",
  "ul",
  "ol",
  "dl",
  "table",
  "section",
  "article",
  "header",
  "footer",
  "nav",
  "aside",
  "main",
  "blockquote",
  "address",
  "figure",
  "figcaption",
  "pre",
]);

/** What createCssSelectorLayout makes: the page reader, its selectors compiled. */
export interface CompiledSelectorLayout {
  readonly kind: "selectors";
  readonly parse: (html: string) => PlaceListing[];
}

/**
 * A tracker for the page the selectors describe. The selectors are compiled now, so a bad one
 * fails when this is made (InvalidSelectorsError, naming its key): PageLayout.check does it at
 * start-up, rather than on the first command.
 */
export function createCssSelectorLayout(selectors: TrackerSelectors): CompiledSelectorLayout {
  for (const key of SELECTOR_KEYS) {
    try {
      compile(selectors[key]);
    } catch (error) {
      throw new InvalidSelectorsError(`has an invalid CSS selector in "${key}": ${(error as Error).message}`);
    }
  }
  const container = compile<AnyNode, Element>(selectors.container);
  return { kind: "selectors", parse: (html) => readPage(html, container, selectors) };
}

function readPage(html: string, containerQuery: Query, selectors: TrackerSelectors): PlaceListing[] {
  const document = parseDocument(html);
  const containers = new Set(selectAll<AnyNode, Element>(containerQuery, document));
  if (containers.size === 0) return [];
  const places: PlaceBuilder[] = [];
  // One walk in page order; a container is read whole, so one nested in it (e.g. "div" matching
  // nested divs) is not read twice.
  const pending: AnyNode[] = [];
  pushChildrenInReverse(pending, document);
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (!isTag(node) || SKIPPED_TEXT_TAGS.has(node.name)) continue;
    if (containers.has(node)) readContainer(node, selectors, places);
    else pushChildrenInReverse(pending, node);
  }
  return places.map((place) => place.listing);
}

function readContainer(container: Element, selectors: TrackerSelectors, places: PlaceBuilder[]): void {
  // Given as text, these are compiled with the container as their scope, so ":scope > h3" or
  // "> ul a" mean relative to it.
  const headings = new Set(selectAll<AnyNode, Element>(selectors.placeHeading, container));
  const links = new Set(selectAll<AnyNode, Element>(selectors.truckLink, container));
  let place: PlaceBuilder | null = null; // links before the first heading belong nowhere

  // Depth-first in page order, with an explicit stack: badly nested pages can be very deep.
  const pending: AnyNode[] = [];
  pushChildrenInReverse(pending, container);
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (!isTag(node) || SKIPPED_TEXT_TAGS.has(node.name)) continue;
    if (headings.has(node)) {
      // Its text is the place's name, not trucks; a nameless heading still ends the previous place.
      const name = textOf(node);
      place = name === "" ? null : startPlace(name);
      if (place) places.push(place);
    } else if (links.has(node)) {
      // A link inside a link is only part of its text.
      if (place) addTruck(place, textOf(node), node.attribs.href?.trim() || null);
    } else {
      pushChildrenInReverse(pending, node);
    }
  }
}

/** Pushes the children onto a stack so that they pop in page order. */
function pushChildrenInReverse(pending: (AnyNode | null)[], element: ParentNode): void {
  for (let index = element.children.length - 1; index >= 0; index--) pending.push(element.children[index]!);
}

/** The element's text as a person reads it: entities decoded (by the parser), whitespace collapsed. */
function textOf(element: Element): string {
  let text = "";
  // null marks the end of a word-breaking element.
  const pending: (AnyNode | null)[] = [];
  pushChildrenInReverse(pending, element);
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node === null) {
      text += " ";
    } else if (isText(node)) {
      text += node.data;
    } else if (isTag(node) && !SKIPPED_TEXT_TAGS.has(node.name)) {
      if (WORD_BREAKING_TAGS.has(node.name)) {
        text += " ";
        pending.push(null);
      }
      pushChildrenInReverse(pending, node);
    }
  }
  // JS `\s` covers nbsp and the other Unicode spaces.
  return text.replace(/\s+/g, " ").trim();
}
