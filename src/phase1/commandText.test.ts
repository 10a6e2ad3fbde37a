import { describe, expect, it } from "vitest";
import { interpretCommandText } from "./commandText.js";

describe("interpretCommandText", () => {
  it.each(["help", "-h", "--help", "?", "HELP", "  Help  ", "--HELP"])("%j asks for help", (text) => {
    expect(interpretCommandText(text)).toEqual({ kind: "help" });
  });

  it.each(["list", "places", "all", "LIST", " Places ", "All"])("%j asks for the list of places", (text) => {
    expect(interpretCommandText(text)).toEqual({ kind: "list" });
  });

  it.each(["", "   ", "\t"])("%j is the default request", (text) => {
    expect(interpretCommandText(text)).toEqual({ kind: "default" });
  });

  it("treats anything else as place names, trimmed but otherwise as typed", () => {
    expect(interpretCommandText("farragut")).toEqual({ kind: "places", query: "farragut" });
    expect(interpretCommandText("  Farragut, Franklin  ")).toEqual({ kind: "places", query: "Farragut, Franklin" });
    expect(interpretCommandText("help me")).toEqual({ kind: "places", query: "help me" });
    expect(interpretCommandText("list all")).toEqual({ kind: "places", query: "list all" });
    expect(interpretCommandText("all places")).toEqual({ kind: "places", query: "all places" });
  });
});
