import { describe, expect, it } from "vitest";
import { signRequest, type SignableRequest } from "./sigV4.js";

// The credentials, date, region and service of AWS's published SigV4 test suite.
const suite = {
  method: "GET",
  headers: {},
  body: "",
  service: "service",
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  now: new Date("2015-08-30T12:36:00Z"),
} satisfies Omit<SignableRequest, "url">;
const credential = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

describe("signRequest", () => {
  it("signs AWS's test suite examples as AWS does", () => {
    expect(signRequest({ ...suite, url: new URL("https://example.amazonaws.com/") })).toEqual({
      "x-amz-date": "20150830T123600Z",
      authorization: `AWS4-HMAC-SHA256 ${credential}, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`,
    }); // get-vanilla
    expect(
      signRequest({ ...suite, method: "POST", url: new URL("https://example.amazonaws.com/") }).authorization,
    ).toBe(
      `AWS4-HMAC-SHA256 ${credential}, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b`,
    ); // post-vanilla
    expect(
      signRequest({ ...suite, url: new URL("https://example.amazonaws.com/?Param2=value2&Param1=value1") })
        .authorization,
    ).toBe(
      `AWS4-HMAC-SHA256 ${credential}, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`,
    ); // get-vanilla-query-order-key-case
  });

  it("signs a Lambda invoke of a function ARN (path encoded twice) with a session token, as aws4fetch did", () => {
    const arn = "arn:aws:lambda:us-east-1:123456789012:function:slacktrux-worker";
    const signed = signRequest({
      ...suite,
      method: "POST",
      url: new URL(
        `https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/${encodeURIComponent(arn)}/invocations`,
      ),
      headers: { "Content-Type": "application/json", "x-amz-invocation-type": "Event" },
      body: '{"job":1}',
      service: "lambda",
      credentials: { ...suite.credentials, sessionToken: "session-token-example" },
    });
    // Reference: aws4fetch 1.0.20's AwsV4Signer with allHeaders, for the same request.
    expect(signed).toEqual({
      "x-amz-date": "20150830T123600Z",
      "x-amz-security-token": "session-token-example",
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/lambda/aws4_request, " +
        "SignedHeaders=content-type;host;x-amz-date;x-amz-invocation-type;x-amz-security-token, " +
        "Signature=e0fc842052a2a1d5d6b072fb22077a275f75da3f9a998eb63c0ee7bcd3a9a81e",
    });
  });

  it("gives the same signature with the signing key cached", () => {
    const request = { ...suite, url: new URL("https://example.amazonaws.com/") };
    expect(signRequest(request)).toEqual(signRequest(request));
  });

  it("refuses a header it sets itself, which would be sent twice", () => {
    const url = new URL("https://example.amazonaws.com/");
    expect(() => signRequest({ ...suite, url, headers: { "X-Amz-Date": "20150830T123600Z" } })).toThrow(/x-amz-date/);
    expect(() => signRequest({ ...suite, url, headers: { Host: "example.amazonaws.com" } })).toThrow(/host/);
  });
});
