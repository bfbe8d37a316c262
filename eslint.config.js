// @ts-check
// `npm run lint`: ESLint's recommended rules and typescript-eslint's, over the sources, tests and scripts.
// Type-aware rules are left out on purpose: they need a full program per run and would double the lint time
// for little over `npm run typecheck`, which runs tsc in strict mode on the same files.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "test-build/", "node_modules/", "test/fixtures/cases/", "test/fixtures/rules/", "test/fixtures/fix/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are tsc's job (noUnusedLocals); `_`-prefixed arguments are deliberate.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
);
