// "Did you mean …?" for a place query that matched nothing: the places whose
// words are within a few typos of the query's words.

/** What suggesting needs of a place: its name and its normalized words. */
export interface SuggestablePlace {
  name: string;
  words: readonly string[];
}

const MAX_SUGGESTIONS = 3;

/** Typos forgiven in one word: short words have too many near neighbours to forgive much. */
function allowedTypos(word: string): number {
  if (word.length >= 5) return 2;
  if (word.length >= 3) return 1;
  return 0;
}

/**
 * Damerau-Levenshtein (optimal string alignment) distance from `typed` to the
 * closest prefix of `word`, so a typo in a prefix counts ("frankl" is 0 from
 * "franklin", "frnkl" is 1). Gives up early, returning limit + 1, once the
 * distance must exceed `limit`.
 */
export function prefixEditDistance(typed: string, word: string, limit: number): number {
  const columns = word.length + 1;
  let beforePrevious = new Array<number>(columns).fill(0);
  let previous = Array.from({ length: columns }, (_, column) => column);
  let current = new Array<number>(columns).fill(0);
  for (let row = 1; row <= typed.length; row++) {
    current[0] = row;
    let rowMinimum = row;
    for (let column = 1; column < columns; column++) {
      const substitution = typed[row - 1] === word[column - 1] ? 0 : 1;
      let distance = Math.min(
        (previous[column] as number) + 1,
        (current[column - 1] as number) + 1,
        (previous[column - 1] as number) + substitution,
      );
      if (row > 1 && column > 1 && typed[row - 1] === word[column - 2] && typed[row - 2] === word[column - 1]) {
        distance = Math.min(distance, (beforePrevious[column - 2] as number) + 1);
      }
      current[column] = distance;
      if (distance < rowMinimum) rowMinimum = distance;
    }
    if (rowMinimum > limit) return limit + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  // After the last swap `previous` holds the last row: any prefix of `word` may end the match.
  return Math.min(...previous);
}

/**
 * Fewest typos over all ways of matching each query word to a distinct place
 * word, in order; Infinity when some query word is too far from every word.
 */
function placeDistance(queryWords: readonly string[], placeWords: readonly string[]): number {
  if (queryWords.length === 0 || queryWords.length > placeWords.length) return Infinity;
  // best[j]: cheapest way to place the query words so far with the last one on place word j.
  let best: number[] = [];
  for (let queryIndex = 0; queryIndex < queryWords.length; queryIndex++) {
    const queryWord = queryWords[queryIndex] as string;
    const limit = allowedTypos(queryWord);
    const next: number[] = new Array<number>(placeWords.length).fill(Infinity);
    let cheapestBefore = queryIndex === 0 ? 0 : Infinity;
    for (let wordIndex = 0; wordIndex < placeWords.length; wordIndex++) {
      if (cheapestBefore !== Infinity) {
        const distance = prefixEditDistance(queryWord, placeWords[wordIndex] as string, limit);
        if (distance <= limit) next[wordIndex] = cheapestBefore + distance;
      }
      if (queryIndex > 0) cheapestBefore = Math.min(cheapestBefore, best[wordIndex] ?? Infinity);
    }
    best = next;
  }
  return Math.min(...best);
}

/** Up to three place names closest to the normalized `term`, best first (page order breaks ties). */
export function closestPlaces(term: string, places: readonly SuggestablePlace[]): string[] {
  const queryWords = term === "" ? [] : term.split(" ");
  const ranked: { name: string; distance: number; order: number }[] = [];
  places.forEach((place, order) => {
    const distance = placeDistance(queryWords, place.words);
    if (distance !== Infinity) ranked.push({ name: place.name, distance, order });
  });
  ranked.sort((a, b) => a.distance - b.distance || a.order - b.order);
  const names = new Set<string>();
  for (const { name } of ranked) {
    if (names.size === MAX_SUGGESTIONS) break;
    names.add(name);
  }
  return [...names];
}
