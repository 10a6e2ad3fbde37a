// Parse the Events API's `app_home_opened` (the `event` of an event_callback): who opened which tab
// of the app, and the hash of the Home they see, if one was published before.

export interface HomeOpened {
  userId: string;
  /** "home" or "messages": only the Home tab is ours to draw. */
  tab: string;
  /** The hash of the Home the user sees; absent the first time. */
  viewHash?: string;
}

export function parseHomeOpened(event: unknown): HomeOpened | undefined {
  if (event === null || typeof event !== "object") return undefined;
  const fields = event as Record<string, unknown>;
  if (fields.type !== "app_home_opened" || typeof fields.user !== "string" || fields.user === "") return undefined;
  const view = fields.view !== null && typeof fields.view === "object" ? (fields.view as Record<string, unknown>) : {};
  const hash = typeof view.hash === "string" && view.hash !== "" ? view.hash : undefined;
  return {
    userId: fields.user,
    tab: typeof fields.tab === "string" ? fields.tab : "",
    ...(hash ? { viewHash: hash } : {}),
  };
}
