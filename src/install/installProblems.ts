// What a person is told when an install does not finish, and with which status: a refused state
// is a 4xx, a cancel on Slack's page is no error at all, and trouble on our side or Slack's is a 5xx.
import { STATE_LIFETIME_SECONDS } from "./oauthState.js";

export const PROBLEMS = {
  cancelled: {
    status: 200,
    title: "slacktrux was not installed",
    explanation:
      "You chose not to allow slacktrux, so nothing was installed and nothing was kept. You can start again at any time.",
  },
  slackError: {
    status: 400,
    title: "Slack did not finish the install",
    explanation: "Slack sent you back without finishing the install. Please start again.",
  },
  missing: {
    status: 400,
    title: "This link does not finish an install",
    explanation:
      "This page finishes an install started from slacktrux's Add to Slack button, and nothing here says one was. Please start again.",
  },
  forged: {
    status: 403,
    title: "This install link is not valid",
    explanation:
      "This link was not made by slacktrux, so it was not used. Please start again from the Add to Slack button.",
  },
  expired: {
    status: 400,
    title: "This install link has expired",
    explanation: `An install has to be finished within ${STATE_LIFETIME_SECONDS / 60} minutes of pressing Add to Slack. Please start again.`,
  },
  otherBrowser: {
    status: 403,
    title: "Finish the install in the browser that started it",
    explanation:
      "This install was started in another browser (or its cookie was cleared), so it was not used. Please start again here.",
  },
  replayed: {
    status: 409,
    title: "This install link was already used",
    explanation:
      "Each Add to Slack link works once, and this one has been used. If slacktrux is not in your workspace yet, please start again.",
  },
  codeRefused: {
    status: 400,
    title: "Slack did not accept this install",
    explanation: "Slack refused to finish this install (the link may be too old). Please start again.",
  },
  slackUnavailable: {
    status: 502,
    title: "Slack could not be reached",
    explanation:
      "slacktrux could not reach Slack to finish the install. Nothing was installed; please try again in a minute.",
  },
  notSaved: {
    status: 503,
    title: "The install could not be saved",
    explanation: "Slack approved the install, but slacktrux could not save it. Please try again in a minute.",
  },
  busy: {
    status: 503,
    title: "slacktrux could not answer in time",
    explanation: "slacktrux is busy right now. Nothing was installed; please start again in a minute.",
  },
  tooSlow: {
    status: 503,
    title: "Slack took too long to answer",
    explanation:
      "slacktrux could not finish the install in time because Slack was slow to answer. Nothing was installed; please start again in a minute.",
  },
} satisfies Record<string, { status: number; title: string; explanation: string }>;
