// The Events API's bodies (https://api.slack.com/apis/events-api): the URL check Slack sends when
// the Request URL is set, and the envelope around each event. Read defensively: a body that is not
// one of these is refused, and only the fields used here are kept.

export interface EventEnvelope {
  eventId: string;
  teamId: string | undefined;
  enterpriseId: string | undefined;
  /** From the first authorization: the app is installed for the whole organisation. */
  isEnterpriseInstall: boolean;
  /** The inner event; `type` says which. */
  event: { type: string } & Record<string, unknown>;
}

export type EventsBody =
  | { kind: "url_verification"; challenge: string }
  | { kind: "event_callback"; envelope: EventEnvelope }
  | { kind: "other"; type: string }
  | { kind: "malformed" };

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

export function readEventsBody(raw: string): EventsBody {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { kind: "malformed" };
  }
  if (body === null || typeof body !== "object") return { kind: "malformed" };
  const fields = body as Record<string, unknown>;
  if (fields.type === "url_verification") {
    const challenge = text(fields.challenge);
    return challenge && challenge.length <= 256 ? { kind: "url_verification", challenge } : { kind: "malformed" };
  }
  if (fields.type !== "event_callback") {
    const type = text(fields.type);
    return type ? { kind: "other", type } : { kind: "malformed" };
  }
  const eventId = text(fields.event_id);
  const event = fields.event;
  if (!eventId || event === null || typeof event !== "object" || !text((event as Record<string, unknown>).type)) {
    return { kind: "malformed" };
  }
  const authorizations = Array.isArray(fields.authorizations) ? (fields.authorizations as unknown[]) : [];
  const first = (authorizations[0] ?? {}) as Record<string, unknown>;
  return {
    kind: "event_callback",
    envelope: {
      eventId,
      teamId: text(fields.team_id) ?? text(first.team_id),
      enterpriseId: text(fields.enterprise_id) ?? text(first.enterprise_id),
      isEnterpriseInstall: first.is_enterprise_install === true || fields.is_enterprise_install === true,
      event: event as EventEnvelope["event"],
    },
  };
}
