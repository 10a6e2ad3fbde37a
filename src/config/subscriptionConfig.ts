// The settings of subscriptions set up from Slack (channel digests and follows), checked at
// start-up like phase 2's. Without a bot token the feature is off and its commands say so; the
// token is a secret and never echoed.
import { ConfigError, type Env } from "./env.js";
import { DEFAULT_TIME_ZONE, FOLLOW_TIME, SLACK_API_URL, SLACK_BOT_TOKEN } from "./registry.js";

export interface SubscriptionConfig {
  /** SLACK_BOT_TOKEN; on AWS the worker reads it from SSM instead, so it may be absent here. */
  botToken?: string | undefined;
  /** SLACK_API_URL, ending in "/". */
  slackApiUrl: string;
  defaultTimeZone: string;
  followTime: string;
}

export function readSubscriptionConfig(env: Env): SubscriptionConfig {
  const botToken = SLACK_BOT_TOKEN.read(env);
  if (botToken !== undefined && !/^xox[a-z]-[A-Za-z0-9-]+$/.test(botToken)) {
    throw new ConfigError("SLACK_BOT_TOKEN must be the app's Bot User OAuth Token, which starts with xoxb-");
  }
  return {
    botToken,
    slackApiUrl: SLACK_API_URL.read(env),
    defaultTimeZone: DEFAULT_TIME_ZONE.read(env),
    followTime: FOLLOW_TIME.read(env),
  };
}
