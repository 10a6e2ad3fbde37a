// @ts-check
// The files a split bundle loads as it is imported: its entry and the chunks it imports
// statically, transitively (esbuild writes them as `from"./…"` and `import"./…"`), but not those
// behind a dynamic import(), which load on first use. What a cold start parses; the benchmark's
// bundle size and the receiver's bundle test read it.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g;

/**
 * @param {string} entry a built file
 * @returns {string[]} its path, then every chunk it loads at once
 */
export function eagerFiles(entry) {
  const files = [resolve(entry)];
  for (let index = 0; index < files.length; index++) {
    const file = /** @type {string} */ (files[index]);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(STATIC_IMPORT)) {
      const chunk = resolve(dirname(file), /** @type {string} */ (specifier));
      if (!files.includes(chunk)) files.push(chunk);
    }
  }
  return files;
}
