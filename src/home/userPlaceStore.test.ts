// The in-memory place store (tests, and a runtime that plugs in none) keeps the saved-place store
// contract as the SQL and DynamoDB stores do.
import { describeUserPlaceStoreContract } from "../../test/helpers/userPlaceStoreContract.js";
import { createMemoryUserPlaceStore } from "./userPlaceStore.js";

describeUserPlaceStoreContract("in-memory place store", () => createMemoryUserPlaceStore());
