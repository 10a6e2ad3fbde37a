// The TRACKER_SELECTORS setting: three CSS selectors that describe another city's tracker page,
// given as JSON. Checked here for shape and each selector's syntax (css-what, the parser
// css-select itself uses: small, so it is checked wherever the setting is read); what only
// css-select knows (an unknown pseudo-class, say) is checked when createCssSelectorLayout compiles
// them, which PageLayout.check does at start-up.
import { parse, SelectorType } from "css-what";

export interface TrackerSelectors {
  /** The parts of the page that hold the list, e.g. "main .schedule". Every match is read, in page order. */
  container: string;
  /** Inside a container: an element whose text names a place, e.g. "h3". */
  placeHeading: string;
  /** Inside a container: a truck's link, e.g. "li a". It belongs to the nearest place heading before it. */
  truckLink: string;
}

export const SELECTOR_KEYS = [
  "container",
  "placeHeading",
  "truckLink",
] as const satisfies readonly (keyof TrackerSelectors)[];

export const EXAMPLE_SELECTORS_JSON = '{"container": "main .schedule", "placeHeading": "h3", "truckLink": "li a"}';

/** What is wrong with the selectors, worded to follow the setting's name ("TRACKER_SELECTORS …"). */
export class InvalidSelectorsError extends Error {
  override name = "InvalidSelectorsError";
}

export function readTrackerSelectors(json: string): TrackerSelectors {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new InvalidSelectorsError(`must be JSON, e.g. ${EXAMPLE_SELECTORS_JSON}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidSelectorsError(
      `must be a JSON object with the keys ${SELECTOR_KEYS.join(", ")}, e.g. ${EXAMPLE_SELECTORS_JSON}`,
    );
  }
  const fields = value as Record<string, unknown>;
  for (const key of SELECTOR_KEYS) {
    const selector = fields[key];
    if (typeof selector !== "string" || selector.trim() === "") {
      throw new InvalidSelectorsError(`needs "${key}": a CSS selector string, e.g. ${EXAMPLE_SELECTORS_JSON}`);
    }
  }
  // A misspelt key would otherwise be ignored without a word.
  const unknown = Object.keys(fields).find((key) => !(SELECTOR_KEYS as readonly string[]).includes(key));
  if (unknown !== undefined) {
    throw new InvalidSelectorsError(`has an unknown key "${unknown}": the keys are ${SELECTOR_KEYS.join(", ")}`);
  }
  const text = (key: keyof TrackerSelectors) => (fields[key] as string).trim();
  const selectors = { container: text("container"), placeHeading: text("placeHeading"), truckLink: text("truckLink") };
  for (const key of SELECTOR_KEYS) checkSyntax(key, selectors[key]);
  return selectors;
}

/** Throws, as css-select would, for a selector that does not parse or names a pseudo-element. */
function checkSyntax(key: keyof TrackerSelectors, selector: string): void {
  let problem: string | undefined;
  try {
    const pseudoElement = parse(selector)
      .flat()
      .find((token) => token.type === SelectorType.PseudoElement);
    if (pseudoElement) problem = `pseudo-elements (::${pseudoElement.name}) select no element`;
  } catch (error) {
    problem = (error as Error).message;
  }
  if (problem !== undefined) throw new InvalidSelectorsError(`has an invalid CSS selector in "${key}": ${problem}`);
}
