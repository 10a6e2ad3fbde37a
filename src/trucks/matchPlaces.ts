// Turns what a person typed ("farragut", "l'enfant, union station") into the
// places of today's list it means, and says "did you mean …?" for the rest.
//
// Matching is deliberately strict (word prefixes, no fuzziness) so a typo never
// silently posts the wrong place's trucks; fuzziness is only used to suggest.

import { closestPlaces, type SuggestablePlace } from "./placeSuggestions.js";

export interface PlaceQueryResult {
  /** Places found, in the order of the given placeNames (page order), each once. */
  places: string[];
  /** Parts of the query that matched no place, each with up to 3 closest place names ("did you mean …?"), best first; may be empty. */
  unmatched: { term: string; suggestions: string[] }[];
}

/** Terms beyond this many are ignored. */
const MAX_TERMS = 10;
/** Longer terms are cut to this many characters. */
const MAX_TERM_CHARS = 100;
/** Input beyond this is ignored before any work is done, so hostile input stays cheap. */
const MAX_QUERY_CHARS = MAX_TERMS * (MAX_TERM_CHARS + 10);

/** Where a query splits into several places: , ; & + / and the word "and". */
const TERM_SEPARATOR = /[,;&+/]|(?<![\p{L}\p{N}])and(?![\p{L}\p{N}])/iu;

/** A place name prepared for matching. */
interface PreparedPlace extends SuggestablePlace {
  /** Normalized words of region and name, e.g. ["dc", "farragut", "square"]. */
  words: string[];
  /** Normalized full name, and without its region: either one typed out is an exact match. */
  fullKey: string;
  nameKey: string;
  /** The words run together from each word on ("dcfarragutsquare", "farragutsquare", "square"). */
  runTogetherTails: string[];
}

/**
 * Lowercase, accents stripped, apostrophes dropped (l'enfant → lenfant), any
 * other punctuation or symbol turned into a space, whitespace collapsed.
 */
export function normalizeForMatch(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/['\u2018\u2019\u02bc`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** "DC - Farragut Square" → region "DC", name "Farragut Square"; names without a region prefix stay whole. */
function withoutRegion(placeName: string): string {
  // Stryker disable next-line Regex: dropping `$` is equivalent, `.*` with the s flag runs to the end anyway
  const match = /^\s*\p{Lu}{2,3}\s*[-\u2013\u2014]\s*(\S.*)$/su.exec(placeName);
  return match?.[1] ?? placeName;
}

function preparePlace(name: string): PreparedPlace {
  const fullKey = normalizeForMatch(name);
  // Stryker disable next-line ConditionalExpression,StringLiteral,ArrayDeclaration: equivalent, a nameless place's words ([] or [""]) never match a query's
  const words = fullKey === "" ? [] : fullKey.split(" ");
  return {
    name,
    words,
    fullKey,
    nameKey: normalizeForMatch(withoutRegion(name)),
    runTogetherTails: words.map((_, index) => words.slice(index).join("")),
  };
}

/** Each query word is a prefix of a distinct place word, in order ("farr sq" → Farragut Square). */
function matchesWordPrefixes(queryWords: readonly string[], placeWords: readonly string[]): boolean {
  let next = 0;
  for (const queryWord of queryWords) {
    while (next < placeWords.length && !(placeWords[next] as string).startsWith(queryWord)) next++;
    if (next === placeWords.length) return false;
    next++;
  }
  return true;
}

/**
 * Places a normalized term names. A place typed out in full wins over places
 * it is merely a prefix of ("union station" is not also "Union Station East").
 */
function findPlaces(term: string, places: readonly PreparedPlace[]): PreparedPlace[] {
  const exact = places.filter((place) => place.fullKey === term || place.nameKey === term);
  if (exact.length > 0) return exact;
  const queryWords = term.split(" ");
  // Spacing may differ from the page's ("l enfant", "farragutsq"): also compare with spaces ignored.
  const runTogether = queryWords.join("");
  return places.filter(
    (place) =>
      matchesWordPrefixes(queryWords, place.words) ||
      place.runTogetherTails.some((tail) => tail.startsWith(runTogether)),
  );
}

/** The query split at separators into raw terms, capped in count and length. */
function splitTerms(query: string): string[] {
  const terms: string[] = [];
  for (const piece of query.split(TERM_SEPARATOR)) {
    if (terms.length === MAX_TERMS) break;
    const term = piece.slice(0, MAX_TERM_CHARS * 2);
    if (normalizeForMatch(term) !== "") terms.push(term);
  }
  return terms;
}

function normalizeTerm(term: string): string {
  // Stryker disable next-line MethodExpression: dropping trim() is equivalent, a space left at the cut only adds an empty last word, and the run-together comparison still matches
  return normalizeForMatch(term).slice(0, MAX_TERM_CHARS).trim();
}

/** The term as the person typed it, tidied for showing back: no control characters, single spaces. */
function displayTerm(term: string): string {
  const tidy = term
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  // Cut by code point so an emoji is never split into half a surrogate pair.
  return Array.from(tidy).slice(0, MAX_TERM_CHARS).join("");
}

export function matchPlaces(query: string, placeNames: readonly string[]): PlaceQueryResult {
  if (typeof query !== "string") return { places: [], unmatched: [] };
  // Chat clients often deliver "&" HTML-escaped; "&amp;" must still split terms.
  const cappedQuery = query.slice(0, MAX_QUERY_CHARS).replace(/&amp;/gi, "&");
  const places = placeNames.map(preparePlace);
  const found = new Set<PreparedPlace>();
  const unmatched: PlaceQueryResult["unmatched"] = [];

  // The whole query first, so a place whose own name has "and" or "&" stays reachable.
  const wholeTerm = normalizeForMatch(cappedQuery);
  if (wholeTerm === "") return { places: [], unmatched: [] };
  const wholeMatches = wholeTerm.length <= MAX_TERM_CHARS ? findPlaces(wholeTerm, places) : [];

  if (wholeMatches.length > 0) {
    for (const place of wholeMatches) found.add(place);
  } else {
    const seenUnmatched = new Set<string>();
    for (const rawTerm of splitTerms(cappedQuery)) {
      const term = normalizeTerm(rawTerm);
      const matches = findPlaces(term, places);
      for (const place of matches) found.add(place);
      if (matches.length > 0 || seenUnmatched.has(term)) continue;
      seenUnmatched.add(term);
      unmatched.push({ term: displayTerm(rawTerm), suggestions: closestPlaces(term, places) });
    }
  }

  // Page order, each name once (a page could repeat a heading).
  const names = new Set<string>();
  for (const place of places) if (found.has(place)) names.add(place.name);
  return { places: [...names], unmatched };
}
