import { describe, expect, it } from "vitest";
import { InvalidSelectorsError, readTrackerSelectors } from "./cssSelectorSettings.js";

const failure = (json: string): string => {
  try {
    readTrackerSelectors(json);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSelectorsError);
    return (error as Error).message;
  }
  throw new Error("expected the selectors to be refused");
};

describe("readTrackerSelectors", () => {
  it("reads the three selectors, trimmed", () => {
    expect(
      readTrackerSelectors('{"container": " main .schedule ", "placeHeading": "h3", "truckLink": "li a"}'),
    ).toEqual({
      container: "main .schedule",
      placeHeading: "h3",
      truckLink: "li a",
    });
  });

  it("refuses text that is not JSON, with an example", () => {
    expect(failure("{container: main}")).toMatch(/^must be JSON, e\.g\. \{"container"/);
  });

  it.each(["[]", "null", '"h3"', "3"])("refuses %s: not an object", (json) => {
    expect(failure(json)).toMatch(/^must be a JSON object with the keys container, placeHeading, truckLink/);
  });

  it.each([
    ['{"placeHeading": "h3", "truckLink": "a"}', "container"],
    ['{"container": "main", "truckLink": "a"}', "placeHeading"],
    ['{"container": "main", "placeHeading": "h3"}', "truckLink"],
    ['{"container": "main", "placeHeading": "  ", "truckLink": "a"}', "placeHeading"],
    ['{"container": "main", "placeHeading": 3, "truckLink": "a"}', "placeHeading"],
  ])("refuses %s, naming the missing key", (json, key) => {
    expect(failure(json)).toMatch(new RegExp(`^needs "${key}": a CSS selector string`));
  });

  it("refuses an unknown (likely misspelt) key", () => {
    expect(failure('{"container": "main", "placeHeading": "h3", "truckLink": "a", "truckLinks": "li a"}')).toBe(
      'has an unknown key "truckLinks": the keys are container, placeHeading, truckLink',
    );
  });
});
