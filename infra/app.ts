// The CDK app behind `npm run synth | deploy | destroy`. `npm run build` bundles it to
// dist/infra/app.mjs (infra/cdk.json runs that file), beside the dist/lambda/ it deploys.
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { checkPageLayout, readFulfilConfig } from "../src/config/fulfilConfig.js";
import { readSettings, workerSettingsEnvironment } from "./settings.js";
import { SlacktruxStack } from "./slacktruxStack.js";

const app = new App();
const settings = readSettings((key) => app.node.tryGetContext(key));
// readSettings checks the selectors' syntax; what only css-select knows is checked here, so a
// selector the functions would refuse at start is refused before deploying.
await checkPageLayout(
  readFulfilConfig(workerSettingsEnvironment(settings)).layout,
  "invalid CDK context: trackerSelectors",
);
// No `env`: the stack is environment-agnostic, so synth needs no AWS account and does no lookups;
// `cdk deploy` deploys to the account and region of the caller's credentials.
new SlacktruxStack(app, "Slacktrux", {
  description: "slacktrux: /foodtrucks for Slack",
  settings,
  lambdaDir: fileURLToPath(new URL("../lambda/", import.meta.url)),
});
app.synth();
