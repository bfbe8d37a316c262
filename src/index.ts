/** The programmatic API: the pure detector core, for tools that bring their own text. */
export * from "./core/index.js";
