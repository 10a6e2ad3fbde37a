// Lint = ESLint's recommended rules, and typescript-eslint's type-checked ones for TypeScript (they
// see what the compiler knows: floating promises, unsafe any, needless assertions). Formatting is
// Prettier's; bench/ and scripts/ are plain JavaScript, type-checked by tsc through // @ts-check.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "dist.*/",
      "node_modules/",
      "cdk.out/",
      "infra/cdk.out/",
      "coverage/",
      ".wrangler/",
      "reports/",
      ".cache/",
    ],
  },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Interfaces here are promise-returning (claim stores, hand-offs); an implementation that
      // happens to need no await is still right to be async.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Tests parse JSON and use expect's asymmetric matchers, both typed `any` by design.
    files: ["**/*.test.ts", "test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
);
