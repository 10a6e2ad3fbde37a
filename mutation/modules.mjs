// @ts-check
// The modules mutation testing watches, and the score each must reach (docs/TEST_STRENGTH.md).
// Narrow on purpose: the code whose mistakes cost most (security, scheduling, delivery, claims,
// matching, parsing), each run on its own so a run takes minutes.

/** @typedef {{ name: string; file: string; target: number }} MutatedModule */

/** @type {MutatedModule[]} */
export const MODULES = [
  { name: "verifySignature", file: "src/slack/verifySignature.ts", target: 90 },
  { name: "schedule", file: "src/subscriptions/schedule.ts", target: 90 },
  { name: "claim", file: "src/claims/claim.ts", target: 90 },
  { name: "deliverMessage", file: "src/slack/deliverMessage.ts", target: 90 },
  { name: "matchPlaces", file: "src/trucks/matchPlaces.ts", target: 90 },
  { name: "foodTruckFiesta", file: "src/trucks/parsers/foodTruckFiesta.ts", target: 85 },
  { name: "tick", file: "src/subscriptions/tick.ts", target: 90 },
  { name: "pacedPosts", file: "src/subscriptions/pacedPosts.ts", target: 90 },
];
