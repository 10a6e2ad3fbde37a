// A DynamoDB table (partition key pk, optional sort key sk; global indexes `due` on the `due`
// attribute and `team` on teamId, createdBy) as the loopback AWS stand-in keeps it, answering
// exactly the requests the subscription and installation stores send: PutItem, GetItem,
// DeleteItem (ReturnValues ALL_OLD), UpdateItem "ADD zones :zone" and the installation store's
// conditional updates, and Query by pk (optionally begins_with(sk, …)) or on an index. Any other
// expression is refused, as a stand-in that silently did something else would prove nothing.
// `queryPageSize` makes a Query by pk answer in pages (ordered by sk, LastEvaluatedKey /
// ExclusiveStartKey), as DynamoDB does past 1 MB.
type Value = { S?: string; SS?: string[]; L?: unknown[]; N?: string; BOOL?: boolean };
export type StubItem = Record<string, Value>;

interface Request {
  TableName: string;
  Item?: StubItem;
  Key?: StubItem;
  IndexName?: string;
  KeyConditionExpression?: string;
  UpdateExpression?: string;
  ConditionExpression?: string;
  ReturnValues?: string;
  ExpressionAttributeValues?: Record<string, Value>;
  ExclusiveStartKey?: StubItem;
}

type Values = Record<string, Value>;

// The conditions the installation store writes under, as DynamoDB evaluates them (a missing item
// has no attributes, so it fails them all).
const CONDITIONS: Record<string, (item: StubItem | undefined, values: Values) => boolean> = {
  "refreshToken = :token": (item, values) => item?.refreshToken?.S === values[":token"]?.S,
  "refreshToken = :token AND (attribute_not_exists(leaseUntilMs) OR leaseUntilMs <= :now)": (item, values) =>
    item !== undefined &&
    item.refreshToken?.S === values[":token"]?.S &&
    (item.leaseUntilMs === undefined || Number(item.leaseUntilMs.N) <= Number(values[":now"]?.N)),
};

const UPDATES: Record<string, (item: StubItem, values: Values) => StubItem> = {
  "ADD zones :zone": (item, values) => {
    const zones = new Set([...(item.zones?.SS ?? []), ...(values[":zone"]?.SS ?? [])]);
    return { ...item, zones: { SS: [...zones] } };
  },
  "SET leaseUntilMs = :until": (item, values) => ({ ...item, leaseUntilMs: values[":until"]! }),
  "REMOVE leaseUntilMs": ({ leaseUntilMs: _, ...rest }) => rest,
  "SET botToken = :botToken, refreshToken = :next, expiresAtMs = :expiresAtMs REMOVE leaseUntilMs": (
    { leaseUntilMs: _, ...rest },
    values,
  ) => ({
    ...rest,
    botToken: values[":botToken"]!,
    refreshToken: values[":next"]!,
    expiresAtMs: values[":expiresAtMs"]!,
  }),
};

export type TableAnswer = { status: number; body: unknown };

const invalid = (message: string): TableAnswer => ({
  status: 400,
  body: { __type: "com.amazon.coral.validate#ValidationException", message },
});

export class DynamoTableStub {
  readonly items = new Map<string, StubItem>();
  /** Items per page of a Query by pk; unset: one page, whatever its size. */
  queryPageSize: number | undefined;

  private keyOf(key: StubItem | undefined): string | undefined {
    const pk = key?.pk?.S;
    return pk ? `${pk}\u0000${key?.sk?.S ?? ""}` : undefined;
  }

  handle(operation: string, input: Request): TableAnswer {
    const values = input.ExpressionAttributeValues ?? {};
    switch (operation) {
      case "PutItem": {
        const key = this.keyOf(input.Item);
        if (!key) return invalid("missing key");
        this.items.set(key, structuredClone(input.Item!));
        return { status: 200, body: {} };
      }
      case "GetItem": {
        const item = this.items.get(this.keyOf(input.Key) ?? "");
        return { status: 200, body: item ? { Item: item } : {} };
      }
      case "DeleteItem": {
        const key = this.keyOf(input.Key) ?? "";
        const old = this.items.get(key);
        this.items.delete(key);
        return { status: 200, body: input.ReturnValues === "ALL_OLD" && old ? { Attributes: old } : {} };
      }
      case "UpdateItem": {
        const key = this.keyOf(input.Key);
        const update = UPDATES[input.UpdateExpression ?? ""];
        if (!key || !update) return invalid("unexpected update");
        const existing = this.items.get(key);
        if (input.ConditionExpression !== undefined) {
          const condition = CONDITIONS[input.ConditionExpression];
          if (!condition) return invalid("unexpected condition");
          if (!condition(existing, values)) {
            return {
              status: 400,
              body: {
                __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                message: "The conditional request failed",
              },
            };
          }
        }
        this.items.set(key, update(existing ?? { ...input.Key }, values));
        return { status: 200, body: {} };
      }
      case "Query": {
        let matches: (item: StubItem) => boolean;
        if (input.IndexName === "due" && input.KeyConditionExpression === "due = :due") {
          matches = (item) => item.due?.S === values[":due"]?.S;
        } else if (input.IndexName === "team" && input.KeyConditionExpression === "teamId = :team") {
          matches = (item) => item.teamId?.S === values[":team"]?.S && item.createdBy !== undefined;
        } else if (
          input.IndexName === "team" &&
          input.KeyConditionExpression === "teamId = :team AND createdBy = :user"
        ) {
          matches = (item) => item.teamId?.S === values[":team"]?.S && item.createdBy?.S === values[":user"]?.S;
        } else if (input.IndexName === undefined && input.KeyConditionExpression === "pk = :pk") {
          matches = (item) => item.pk?.S === values[":pk"]?.S;
        } else if (
          input.IndexName === undefined &&
          input.KeyConditionExpression === "pk = :pk AND begins_with(sk, :kind)"
        ) {
          matches = (item) =>
            item.pk?.S === values[":pk"]?.S && (item.sk?.S ?? "").startsWith(values[":kind"]?.S ?? "");
        } else return invalid("unexpected query");
        const found = [...this.items.values()].filter(matches);
        if (this.queryPageSize === undefined || input.IndexName !== undefined) {
          return { status: 200, body: { Items: found, Count: found.length } };
        }
        const sk = (item: StubItem) => item.sk?.S ?? "";
        const after = input.ExclusiveStartKey ? sk(input.ExclusiveStartKey) : undefined;
        const rest = found
          .sort((a, b) => (sk(a) < sk(b) ? -1 : sk(a) > sk(b) ? 1 : 0))
          .filter((item) => after === undefined || sk(item) > after);
        const page = rest.slice(0, this.queryPageSize);
        const last = page.at(-1);
        const more = rest.length > page.length && last !== undefined;
        return {
          status: 200,
          body: {
            Items: page,
            Count: page.length,
            ...(more ? { LastEvaluatedKey: { pk: last.pk, sk: last.sk } } : {}),
          },
        };
      }
      default:
        return invalid(`unexpected operation ${operation}`);
    }
  }
}
