// "Add to Slack" as the app core sets it up: off without SLACK_CLIENT_ID (one workspace, as
// before); with it, the client secret must be where the runtime keeps secrets and the runtime must
// keep installations and claims, or the app does not start. The secret is read when first needed.
import type { ClaimStore } from "../claims/claimStore.js";
import { ConfigError } from "../config/env.js";
import { CLIENT_SECRET_IS, readInstallConfig, type InstallConfig } from "../config/installConfig.js";
import type { InstallDeps } from "../install/installRoutes.js";
import type { InstallationStore } from "../installations/installationStore.js";
import type { OAuthClient } from "../slack/oauth.js";
import type { AppPorts } from "./ports.js";

export interface Installs {
  config: InstallConfig;
  installations: InstallationStore;
  claims: ClaimStore;
  /** The OAuth client (with the secret) for oauth.v2.access: the callback's and token refreshes'. */
  oauthClient: () => Promise<OAuthClient>;
  /** What the install routes need, the secret read (by `deadlineMs`, epoch ms, when the request has one). */
  routeDeps: (deadlineMs?: number) => Promise<InstallDeps>;
}

type InstallPorts = Pick<AppPorts, "env" | "secrets" | "log" | "http" | "clock"> &
  Partial<Pick<AppPorts, "claims" | "installations">>;

/** Installs' setup, or undefined when SLACK_CLIENT_ID is unset; a ConfigError names what is missing. */
export function readInstalls(ports: InstallPorts): Installs | undefined {
  const config = readInstallConfig(ports.env);
  if (config === undefined) return undefined;
  const { secrets, installations, claims, log, http, clock } = ports;
  if (!secrets.has("SLACK_CLIENT_SECRET")) {
    throw new ConfigError(
      `SLACK_CLIENT_SECRET is not set: ${CLIENT_SECRET_IS}; ${secrets.whereToSet("SLACK_CLIENT_SECRET")}`,
    );
  }
  if (!installations || !claims) {
    throw new ConfigError("SLACK_CLIENT_ID is set, but this runtime keeps no installations: unset it here");
  }
  const oauthClient = async (): Promise<OAuthClient> => ({
    clientId: config.clientId,
    clientSecret: await secrets.read("SLACK_CLIENT_SECRET"),
    apiUrl: config.apiUrl,
    ...(http ? { http } : {}),
  });
  return {
    config,
    installations,
    claims,
    oauthClient,
    routeDeps: async (deadlineMs) => ({
      settings: { ...config, clientSecret: await secrets.read("SLACK_CLIENT_SECRET", deadlineMs) },
      installations,
      claims,
      log,
      ...(http ? { http } : {}),
      ...(clock ? { nowMs: () => clock.nowMs() } : {}),
      ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    }),
  };
}
