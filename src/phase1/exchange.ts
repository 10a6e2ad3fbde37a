// The exchange type now lives in web/exchange.ts (one type for every route). This re-export keeps
// the Lambda receiver's import working until its branch moves to the new path; then delete it.
export * from "../web/exchange.js";
