// The oldest Node.js slacktrux runs on (package.json's engines): node:sqlite, the local database's
// driver, is built in from 22.13. Checked before any command, so an older Node gets one clear
// line rather than a failure deep inside a command.
export const MIN_NODE_VERSION = "22.13.0";

/** The problem with this Node, or undefined when it is new enough. */
export function nodeVersionProblem(version: string = process.versions.node): string | undefined {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  const [needMajor = 0, needMinor = 0, needPatch = 0] = MIN_NODE_VERSION.split(".").map(Number);
  const newEnough =
    major !== needMajor ? major > needMajor : minor !== needMinor ? minor > needMinor : patch >= needPatch;
  return newEnough
    ? undefined
    : `slacktrux needs Node.js ${MIN_NODE_VERSION} or newer; this is Node.js ${version}. Install a current Node.js (24 LTS, or 22.13+), or run it through the npm scripts (npm start, npm run cli -- …), which fetch Node 24 when yours is older.`;
}
