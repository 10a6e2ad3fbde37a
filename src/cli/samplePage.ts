// The tracker page bundled with the app for the offline demo. Found relative to this file both
// from the bundle (dist/cli.mjs) and from source (src/cli/*.ts, under tests).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function samplePagePath(): string {
  for (const relative of ["../samples/dc-food-truck-list.html", "../../samples/dc-food-truck-list.html"]) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error("the bundled sample page (samples/dc-food-truck-list.html) is missing");
}
