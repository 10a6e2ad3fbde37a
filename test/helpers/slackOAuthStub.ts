// A loopback stand-in for Slack's side of OAuth v2: the authorize page a browser is sent to (an
// "Allow" link back to redirect_uri with a code and the state, or "Cancel" with
// error=access_denied), and oauth.v2.access for codes and refresh tokens. It counts every exchange,
// refuses a code or refresh token used twice (as Slack does), and can answer refreshes slowly so
// concurrent callers overlap. chat.postMessage and views.publish accept any bot token it issued and
// record who called.
import { startLoopbackServer, type LoopbackServer } from "./loopbackServer.js";

export const CLIENT_ID = "1111.2222";
export const CLIENT_SECRET = "client-secret-s3cr3t-value";

export interface WorkspaceGrant {
  teamId: string;
  teamName: string;
  /** Set for an org-wide install. */
  enterpriseId?: string;
  /** Turns token rotation on: grants carry a refresh token and expires_in. */
  expiresIn?: number;
}

export interface SlackOAuthStub extends LoopbackServer {
  apiUrl: string;
  /** The workspace the next authorize page installs into. */
  nextWorkspace: WorkspaceGrant;
  /** oauth.v2.access calls with a code / with a refresh token, accepted or not. */
  codeExchanges(): number;
  refreshes(): number;
  /** Tokens handed out so far, to check none reaches a log. */
  secretsIssued(): string[];
  /** Delay before answering a refresh. */
  refreshDelayMs: number;
  /** Delay before answering a code exchange: a slow Slack. */
  codeDelayMs: number;
  /** chat.postMessage calls: the channel and the bearer token they came with. */
  posts(): { channel: string; token: string | undefined }[];
  /** views.publish calls: the user whose Home it was and the bearer token they came with. */
  homesPublished(): { userId: string; token: string | undefined }[];
  /** The views those calls published, in the same order. */
  homeViews(): unknown[];
  /** Stores a refresh token as live, as if granted earlier (for installations a test writes itself). */
  grantRefreshToken(refreshToken: string, workspace: WorkspaceGrant): void;
  /** Makes chat.postMessage accept a bot token as if issued earlier (for installations a test writes itself). */
  acceptBotToken(token: string): void;
}

export async function startSlackOAuthStub(): Promise<SlackOAuthStub> {
  let counter = 0;
  let codeExchanges = 0;
  let refreshes = 0;
  const issued: string[] = [];
  const codes = new Map<string, WorkspaceGrant>();
  const refreshTokens = new Map<string, WorkspaceGrant>();
  const stub = {} as SlackOAuthStub;
  const posts: { channel: string; token: string | undefined }[] = [];
  const homes: { userId: string; token: string | undefined }[] = [];
  const homeViews: unknown[] = [];

  const grant = (workspace: WorkspaceGrant) => {
    counter++;
    const accessToken = `xoxb-stub-${workspace.teamId}-${counter}`;
    issued.push(accessToken);
    const answer: Record<string, unknown> = {
      ok: true,
      app_id: "A0APP",
      authed_user: { id: "U0INSTALLER" },
      scope: "commands,chat:write,chat:write.public",
      token_type: "bot",
      access_token: accessToken,
      bot_user_id: "U0BOT",
      team: workspace.enterpriseId ? null : { id: workspace.teamId, name: workspace.teamName },
      enterprise: workspace.enterpriseId ? { id: workspace.enterpriseId, name: workspace.teamName } : null,
      is_enterprise_install: workspace.enterpriseId !== undefined,
    };
    if (workspace.expiresIn !== undefined) {
      const refreshToken = `xoxe-1-refresh-${counter}`;
      issued.push(refreshToken);
      refreshTokens.set(refreshToken, workspace);
      answer.refresh_token = refreshToken;
      answer.expires_in = workspace.expiresIn;
    }
    return answer;
  };

  const server = await startLoopbackServer(async (req, res) => {
    const url = new URL(req.url, "http://stub");
    if (req.method === "GET" && url.pathname === "/oauth/v2/authorize") {
      const code = `code-${++counter}`;
      codes.set(code, stub.nextWorkspace);
      const back = new URL(url.searchParams.get("redirect_uri") ?? "");
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      const cancel = new URL(back);
      cancel.search = new URLSearchParams({
        error: "access_denied",
        state: url.searchParams.get("state") ?? "",
      }).toString();
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><html lang="en"><title>Authorize</title><main><h1>Allow slacktrux?</h1>` +
          `<a id="allow" href="${back.href.replace(/&/g, "&amp;")}">Allow</a> <a id="cancel" href="${cancel.href.replace(/&/g, "&amp;")}">Cancel</a></main></html>`,
      );
      return;
    }
    if (req.method === "POST" && url.pathname === "/api/chat.postMessage") {
      const token = req.headers.authorization?.replace(/^Bearer /, "");
      const known = token !== undefined && token.startsWith("xoxb-") && issued.includes(token);
      const { channel } = JSON.parse(req.body) as { channel: string };
      if (known) posts.push({ channel, token });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(known ? { ok: true, channel, ts: "1.2" } : { ok: false, error: "invalid_auth" }));
      return;
    }
    if (req.method === "POST" && url.pathname === "/api/views.publish") {
      const token = req.headers.authorization?.replace(/^Bearer /, "");
      const known = token !== undefined && token.startsWith("xoxb-") && issued.includes(token);
      const { user_id: userId, view } = JSON.parse(req.body) as { user_id: string; view: unknown };
      if (known) {
        homes.push({ userId, token });
        homeViews.push(view);
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          known ? { ok: true, view: { id: "V1", hash: `hash-${homes.length}` } } : { ok: false, error: "invalid_auth" },
        ),
      );
      return;
    }
    if (req.method !== "POST" || url.pathname !== "/api/oauth.v2.access") {
      res.writeHead(404).end();
      return;
    }
    const expectedAuth = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`;
    const form = new URLSearchParams(req.body);
    const answer = async (): Promise<Record<string, unknown>> => {
      if (req.headers.authorization !== expectedAuth) return { ok: false, error: "invalid_client_id" };
      if (form.get("grant_type") === "refresh_token") {
        refreshes++;
        await new Promise((resolve) => setTimeout(resolve, stub.refreshDelayMs));
        const workspace = refreshTokens.get(form.get("refresh_token") ?? "");
        if (!workspace) return { ok: false, error: "invalid_refresh_token" };
        refreshTokens.delete(form.get("refresh_token")!);
        return grant(workspace);
      }
      codeExchanges++;
      await new Promise((resolve) => setTimeout(resolve, stub.codeDelayMs));
      const workspace = codes.get(form.get("code") ?? "");
      if (!workspace) return { ok: false, error: "invalid_code" };
      codes.delete(form.get("code")!);
      if (!form.get("redirect_uri")) return { ok: false, error: "bad_redirect_uri" };
      return grant(workspace);
    };
    const body = await answer();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });

  return Object.assign(stub, server, {
    apiUrl: `${server.url}/api/`,
    nextWorkspace: { teamId: "T0001", teamName: "Acme" },
    codeExchanges: () => codeExchanges,
    refreshes: () => refreshes,
    secretsIssued: () => [...issued],
    posts: () => [...posts],
    homesPublished: () => [...homes],
    homeViews: () => [...homeViews],
    refreshDelayMs: 0,
    codeDelayMs: 0,
    grantRefreshToken: (refreshToken: string, workspace: WorkspaceGrant) => {
      refreshTokens.set(refreshToken, workspace);
    },
    acceptBotToken: (token: string) => {
      issued.push(token);
    },
  });
}
