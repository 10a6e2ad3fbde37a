// A DynamoDB table (partition key pk, sort key sk, one global index `due` on the `due` attribute)
// as the loopback AWS stand-in keeps it, answering exactly the requests the subscriptions store
// sends: PutItem, GetItem, DeleteItem, UpdateItem "ADD zones :zone", and Query by pk (optionally
// begins_with(sk, …)) or on the `due` index. Any other expression is refused, as a stand-in that
// silently did something else would prove nothing.
type Value = { S?: string; SS?: string[]; L?: unknown[] };
export type StubItem = Record<string, Value>;

interface Request {
  TableName: string;
  Item?: StubItem;
  Key?: StubItem;
  IndexName?: string;
  KeyConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeValues?: Record<string, Value>;
}

export type TableAnswer = { status: number; body: unknown };

const invalid = (message: string): TableAnswer => ({
  status: 400,
  body: { __type: "com.amazon.coral.validate#ValidationException", message },
});

export class DynamoTableStub {
  readonly items = new Map<string, StubItem>();

  private keyOf(key: StubItem | undefined): string | undefined {
    const pk = key?.pk?.S;
    const sk = key?.sk?.S;
    return pk && sk ? `${pk}\u0000${sk}` : undefined;
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
      case "DeleteItem":
        this.items.delete(this.keyOf(input.Key) ?? "");
        return { status: 200, body: {} };
      case "UpdateItem": {
        const key = this.keyOf(input.Key);
        if (!key || input.UpdateExpression !== "ADD zones :zone") return invalid("unexpected update");
        const item = this.items.get(key) ?? { ...input.Key };
        const zones = new Set([...(item.zones?.SS ?? []), ...(values[":zone"]?.SS ?? [])]);
        this.items.set(key, { ...item, zones: { SS: [...zones] } });
        return { status: 200, body: {} };
      }
      case "Query": {
        let matches: (item: StubItem) => boolean;
        if (input.IndexName === "due" && input.KeyConditionExpression === "due = :due") {
          matches = (item) => item.due?.S === values[":due"]?.S;
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
        return { status: 200, body: { Items: found, Count: found.length } };
      }
      default:
        return invalid(`unexpected operation ${operation}`);
    }
  }
}
