// The pages a person sees around installing slacktrux: what it is (with the Add to Slack button),
// installed, something went wrong, and what it keeps about a workspace. Words only here; the
// routes (install/) decide which page and status.
import { html, type SafeHtml } from "./html.js";
import { page } from "./layout.js";

export const PRIVACY_PATH = "/privacy";
export const INSTALL_PATH = "/slack/install";

const EXAMPLE = `/foodtrucks farragut

DC - FARRAGUT SQUARE
• District Taco
• Sol Mexican Grill
• TaKorean`;

/** The first commands worth trying, on the install and success pages. */
const FIRST_COMMANDS: readonly [string, string][] = [
  ["/foodtrucks list", "today's places and how many trucks each has, only to you"],
  ["/foodtrucks farragut", "the trucks at Farragut Square, posted to the channel"],
  ["/foodtrucks daily 11:30 farragut", "a post in this channel every weekday at 11:30"],
  ["/foodtrucks follow sol mexican", "a direct message on mornings when that truck is out"],
  ["/foodtrucks help", "everything else"],
];

const commandList = (): SafeHtml =>
  html`<ul>
    ${FIRST_COMMANDS.map(([command, meaning]) => html`<li><code>${command}</code>: ${meaning}</li> `)}
  </ul>`;

const footer = (): SafeHtml =>
  html`<footer>
    <p><a href="${PRIVACY_PATH}">Privacy: what slacktrux keeps and how it is deleted</a></p>
  </footer>`;

export function installPage(addToSlackUrl: string): string {
  return page(
    "Add slacktrux to Slack",
    html`<h1>slacktrux: today's food trucks, in Slack</h1>
      <p>
        Type <code>/foodtrucks</code> and a place in any channel, and slacktrux posts the food trucks parked there
        today, read from a public food truck tracker.
      </p>
      <h2>An example</h2>
      <pre aria-label="A command and slacktrux's answer">${EXAMPLE}</pre>
      <h2>What it keeps</h2>
      <p>
        Your workspace's id and the token Slack gives the app to post, who installed it and when, the daily posts and
        follows people set up, and the place each person chose for their Home. Never your messages.
        <a href="${PRIVACY_PATH}">Read the privacy page</a>.
      </p>
      <p><a class="button" href="${addToSlackUrl}">Add to Slack</a></p>
      <p>Slack will ask you to choose a workspace and to allow slacktrux to add the command and post messages.</p>`,
  );
}

export interface InstalledWorkspace {
  /** Workspace (or organisation) name, as Slack sent it. */
  name: string | undefined;
  /** slack://app?team=…&id=… */
  appLink: string;
  /** The same, through the browser, for where slack:// opens nothing. */
  webLink: string;
}

export function successPage(workspace: InstalledWorkspace): string {
  const where = workspace.name ? html`<strong>${workspace.name}</strong>` : html`your workspace`;
  return page(
    "slacktrux is installed",
    html`<h1>slacktrux is installed</h1>
      <p>slacktrux is now in ${where}.</p>
      <p><a class="button" href="${workspace.appLink}">Open slacktrux in Slack</a></p>
      <p>Slack app not opening? <a href="${workspace.webLink}">Open it in the browser</a>.</p>
      <h2>Try these first</h2>
      ${commandList()} ${footer()}`,
  );
}

export interface Problem {
  title: string;
  explanation: string;
  /** Offered when starting again can help. */
  startAgain: boolean;
}

export function problemPage(problem: Problem): string {
  return page(
    problem.title,
    html`<h1>${problem.title}</h1>
      <p>${problem.explanation}</p>
      ${problem.startAgain ? html`<p><a class="button" href="${INSTALL_PATH}">Start again</a></p>` : html``} ${footer()}`,
  );
}

export function privacyPage(): string {
  return page(
    "slacktrux privacy",
    html`<h1>Privacy</h1>
      <p>slacktrux keeps only what it needs to answer <code>/foodtrucks</code> and to post what people asked for.</p>
      <h2>What is stored</h2>
      <ul>
        <li>
          For each workspace that installs it: the workspace's (or organisation's) id, the token Slack gives the app to
          post messages (and, if Slack rotates it, the token to renew it), the app's own user id, the permissions
          granted, who installed it and when.
        </li>
        <li>
          For each daily post or follow someone sets up: the channel or person, the places or truck, the time and time
          zone, who set it up and when.
        </li>
        <li>
          For each person who chooses their place on the app's Home tab: their id and their workspace's, the place they
          chose from the tracker's list, and when.
        </li>
        <li>For a short while, a record that a request was answered, so Slack's retries are not answered twice.</li>
        <li>
          For a short while, when Slack refused a daily post or follow because the workspace's token no longer worked: a
          record of that run (which one, its day and time, when it was last tried), so it is posted later that day once
          the token works again. No message and no token.
        </li>
      </ul>
      <p>
        slacktrux does not store messages, what people type, or anything about a workspace's members beyond the ids
        above. Its logs hold ids and outcomes, never a token.
      </p>
      <h2>For how long</h2>
      <p>
        The installation, the daily posts and follows, and people's places are kept while slacktrux is installed.
        Records of answered requests expire within a day; a refused run's record is deleted when it is posted or its day
        is over.
      </p>
      <h2>How it is deleted</h2>
      <p>
        Remove slacktrux from your workspace (in Slack: the app's page, then Remove App), or revoke its tokens: Slack
        tells slacktrux, which deletes that workspace's installation, tokens, daily posts, follows and everyone's saved
        places at once; a refused run's record goes at slacktrux's next check for due posts (every minute), as its daily
        post or follow is gone. A channel's daily posts stop with <code>/foodtrucks daily off</code>, a follow with
        <code>/foodtrucks unfollow</code> and the truck; a person's place is replaced when they choose another with the
        Home's <strong>Choose my place</strong>.
      </p>
      <p><a href="${INSTALL_PATH}">Back to slacktrux</a></p>`,
  );
}
