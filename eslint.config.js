// ESLint for the whole tree (run by `npm test`). Beside the usual rules it holds the layers of the
// README's layout: imports run one way, from the request edge (routes, app/web, realtime) down to
// the models, and from the models down to app/utils and db. A rule broken on purpose says why.
import js from "@eslint/js";
import comments from "@eslint-community/eslint-plugin-eslint-comments/configs";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const edge = ["~/web/*", "**/app/web/*", "../web/*"];
const ui = ["~/routes/*", "~/components/*", "**/app/routes/*", "**/app/components/*"];
const layer = (patterns, message) => ({ group: patterns, message });

export default tseslint.config(
  { ignores: ["build/", "public/build/", "data/", ".cache/", "test-results/", "playwright-report/", "node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  comments.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@eslint-community/eslint-comments/require-description": ["error", { ignore: [] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["app/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
    plugins: { ...jsxA11y.flatConfigs.recommended.plugins, "react-hooks": reactHooks },
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["app/models/**", "db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            layer(edge, "Models and db sit below the request edge: pass what they need as arguments."),
            layer(ui, "Models do not import pages or components."),
          ],
        },
      ],
    },
  },
  {
    files: ["app/utils/**", "app/i18n/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            layer(edge, "app/utils is a leaf: it does not import the request edge."),
            layer(ui, "app/utils is a leaf: it does not import pages or components."),
            layer(["~/models/*", "**/app/models/*", "../models/*"], "app/utils is a leaf: models import it, not the other way."),
            layer(["**/db/*", "../../db/*"], "app/utils is a leaf: the database is the models' business."),
          ],
        },
      ],
    },
  },
  {
    files: ["app/routes/**", "app/components/**", "app/web/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [layer(["**/db/*", "../../db/*", "../db/*"], "Only the models touch the database: call a model function.")] },
      ],
    },
  },
  {
    files: ["app/components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            layer(["**/db/*"], "Only the models touch the database."),
            layer(["~/web/*.server", "~/models/*.server"], "Components run in the browser too: no server modules."),
          ],
        },
      ],
    },
  },
);
