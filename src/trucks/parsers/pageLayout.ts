// A tracker is one kind of page layout: how a page's HTML turns into places and their trucks.
// Phase 2 and `slacktrux trucks` take one from configuration (TRACKER_KIND), so another city's
// page is a setting, not a code change.
//
// The parsers (htmlparser2, entities, css-select) are loaded on the first page read, not when a
// layout is made: they are most of a bundle, and a process that reads no page (the Lambda
// receiver answering commands) should not pay for them in its cold start. Bundlers that split
// code (the receiver's) put them in a chunk of their own; the others inline them.
import type { PlaceListing } from "../types.js";
import type { TrackerSelectors } from "./cssSelectorSettings.js";
import type { TrackerKind } from "./trackerKinds.js";

type ReadPage = (html: string) => PlaceListing[];

export interface PageLayout {
  /** As TRACKER_KIND spells it. */
  readonly kind: TrackerKind;
  /** The page's places in page order; [] when the page does not have the expected layout. Loads the parser on first use. */
  readonly parse: (html: string) => Promise<PlaceListing[]>;
  /**
   * Loads what checks the layout and checks it (a selector tracker compiles its selectors, so
   * a selector css-select refuses throws an InvalidSelectorsError naming its key). The Food
   * Truck Fiesta layout has nothing to check and loads nothing.
   */
  readonly check: () => Promise<void>;
}

/** The default: Food Truck Fiesta's list page, read by its own fast streaming parser. */
export const foodTruckFiestaLayout: PageLayout = lazyLayout(
  "foodtruckfiesta",
  () => import("./foodTruckFiesta.js").then((parser) => parser.parseFoodTruckFiesta),
  false,
);

/** A tracker for the page the selectors describe (their syntax already checked by readTrackerSelectors). */
export function selectorLayout(selectors: TrackerSelectors): PageLayout {
  return lazyLayout(
    "selectors",
    () => import("./cssSelectorLayout.js").then((layout) => layout.createCssSelectorLayout(selectors).parse),
    true,
  );
}

function lazyLayout(kind: TrackerKind, loadParser: () => Promise<ReadPage>, checkedWhenLoaded: boolean): PageLayout {
  let loading: Promise<ReadPage> | undefined;
  const parser = () => (loading ??= loadParser());
  return {
    kind,
    parse: async (html) => (await parser())(html),
    check: async () => {
      if (checkedWhenLoaded) await parser();
    },
  };
}
