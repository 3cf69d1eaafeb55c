// All tables, by domain. drizzle-kit reads this file; code imports from here.
export * from "./schema/core";
export * from "./schema/meetings";
export * from "./schema/measures";
export * from "./schema/maps";
export * from "./schema/figures";
export * from "./schema/evaluations";
export * from "./schema/sign-in";
