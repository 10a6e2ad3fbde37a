// The receiver's TypeScript source: each test builds a fresh receiver, i.e. a fresh cold start.
import { createReceiver } from "../../src/runtimes/lambda/receiver.js";
import { describeReceiver } from "./receiverContract.js";

describeReceiver("receiver (source)", async (env) => createReceiver(env));
