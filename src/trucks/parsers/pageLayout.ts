// A tracker is one kind of page layout: how a page's HTML turns into places and their trucks.
// Phase 2 and `slacktrux trucks` take one from configuration (TRACKER_KIND), so another city's
// page is a setting, not a code change.
import { parseFoodTruckFiesta } from "./foodTruckFiesta.js";
import type { ParsePage } from "../tracker.js";
import type { TrackerKind } from "./trackerKinds.js";

export interface PageLayout {
  /** As TRACKER_KIND spells it. */
  readonly kind: TrackerKind;
  /** The page's places in page order; [] when the page does not have the expected layout. */
  readonly parse: ParsePage;
}

/** The default: Food Truck Fiesta's list page, read by its own fast streaming parser. */
export const foodTruckFiestaLayout: PageLayout = { kind: "foodtruckfiesta", parse: parseFoodTruckFiesta };
