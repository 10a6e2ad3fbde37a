import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../config/env.js";
import { AwsRequestError, awsServiceFromEnv } from "./awsService.js";

const credentials = { AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "secret" };

describe("awsServiceFromEnv", () => {
  it("finds the endpoint as the AWS SDK does: per-service variable, then AWS_ENDPOINT_URL, then the regional one", () => {
    expect(awsServiceFromEnv("dynamodb", credentials).endpoint).toBe("https://dynamodb.eu-west-1.amazonaws.com");
    expect(awsServiceFromEnv("ssm", { ...credentials, AWS_ENDPOINT_URL: "http://127.0.0.1:4566/" }).endpoint).toBe(
      "http://127.0.0.1:4566",
    );
    const env = {
      ...credentials,
      AWS_ENDPOINT_URL: "http://127.0.0.1:4566",
      AWS_ENDPOINT_URL_LAMBDA: "http://127.0.0.1:9001",
    };
    expect(awsServiceFromEnv("lambda", env).endpoint).toBe("http://127.0.0.1:9001");
  });

  it("names the missing variable instead of failing later with a bad signature", () => {
    expect(() => awsServiceFromEnv("ssm", { ...credentials, AWS_REGION: "" })).toThrow(ConfigError);
    expect(() => awsServiceFromEnv("ssm", { AWS_REGION: "us-east-1" })).toThrow(/AWS_ACCESS_KEY_ID/);
  });
});

describe("AwsRequestError.from", () => {
  const answer = (status: number, body: string, headers: Record<string, string> = {}) => ({
    status,
    headers,
    body: Buffer.from(body),
  });

  it("takes the code from x-amzn-ErrorType (REST APIs such as Lambda)", () => {
    const error = AwsRequestError.from(
      "lambda",
      answer(404, "{}", { "x-amzn-errortype": "ResourceNotFoundException:http://internal.amazon.com/" }),
    );
    expect(error).toMatchObject({
      status: 404,
      code: "ResourceNotFoundException",
      message: "lambda answered HTTP 404 ResourceNotFoundException",
    });
  });

  it("takes the code from the JSON body's __type (JSON APIs such as DynamoDB)", () => {
    const body = JSON.stringify({
      __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
      message: "x",
    });
    expect(AwsRequestError.from("dynamodb", answer(400, body)).code).toBe("ConditionalCheckFailedException");
    expect(AwsRequestError.from("ssm", answer(502, "<html>")).code).toBe("UnknownError");
  });
});
