import { strict as assert } from "node:assert";
import {
    ARGUMENT_NAMES,
    assertValidOptions,
    DEFAULT_ENDPOINT_HOST,
    InvalidArgumentError,
    listMessageContactVerifications,
    parseEndpoint,
    resolveCallEndpoint,
} from "../../provider/alibaba-client";
import { STACK_CONFIG_VOCABULARY } from "../../provider/dynamic/stack-config";

const ENDPOINT_ENV = "ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER";
import { isChinaRegion, SITE_HOSTS } from "../../provider/alibaba-client/endpoint";

describe("endpoint resolution", () => {
    it("defaults to the China site over https", () => {
        assert.deepEqual(resolveCallEndpoint({}, {}, {}), { origin: `https://${DEFAULT_ENDPOINT_HOST}`, host: DEFAULT_ENDPOINT_HOST });
    });

    it("takes a host, a host with port, or a full URL", () => {
        assert.deepEqual(parseEndpoint("resourcedirectory-intl.aliyuncs.com"), {
            origin: "https://resourcedirectory-intl.aliyuncs.com",
            host: "resourcedirectory-intl.aliyuncs.com",
        });
        assert.deepEqual(parseEndpoint("example.com:8443"), { origin: "https://example.com:8443", host: "example.com:8443" });
        assert.deepEqual(parseEndpoint("http://127.0.0.1:9000"), { origin: "http://127.0.0.1:9000", host: "127.0.0.1:9000" });
        assert.deepEqual(parseEndpoint("http://[::1]:9000"), { origin: "http://[::1]:9000", host: "[::1]:9000" });
    });

    it("chooses the site from the region: international regions use the -intl host", () => {
        assert.equal(resolveCallEndpoint({ region: "ap-southeast-1" }, {}, {}).host, SITE_HOSTS.international);
        assert.equal(resolveCallEndpoint({ region: "cn-hongkong" }, {}, {}).host, SITE_HOSTS.international);
        assert.equal(resolveCallEndpoint({ region: "cn-hangzhou" }, {}, {}).host, SITE_HOSTS.china);
        assert.equal(resolveCallEndpoint({}, {}, { ALICLOUD_REGION: "eu-central-1" }).host, SITE_HOSTS.international);
        assert.equal(resolveCallEndpoint({}, {}, { ALIBABA_CLOUD_REGION: "us-west-1" }).host, SITE_HOSTS.international);
        assert.equal(resolveCallEndpoint({ region: "cn-beijing" }, {}, { ALICLOUD_REGION: "eu-central-1" }).host, SITE_HOSTS.china);
        assert.ok(isChinaRegion("cn-shanghai") && !isChinaRegion("cn-hongkong") && !isChinaRegion("ap-northeast-1"));
    });

    it("selects the VPC endpoint with endpointType vpc", () => {
        assert.equal(resolveCallEndpoint({ endpointType: "vpc", region: "ap-southeast-1" }, {}, {}).host, SITE_HOSTS.vpc);
    });

    it("applies the documented precedence: argument > endpoint setting > endpoints setting > env > vpc > region", () => {
        const env = { [ENDPOINT_ENV]: "http://localhost:1234" };
        const endpoints = { resourcemanager: "rm.example", resourcedirectory: "rd.example" };
        assert.equal(resolveCallEndpoint({ endpoint: "https://explicit.example" }, { endpoint: "setting.example", endpoints }, env).host, "explicit.example");
        assert.equal(resolveCallEndpoint({}, { endpoint: "setting.example", endpoints }, env).host, "setting.example");
        assert.equal(resolveCallEndpoint({}, { endpoints }, env).host, "rd.example");
        assert.equal(resolveCallEndpoint({}, { endpoints: { resourcemanager: "rm.example" } }, env).host, "rm.example");
        assert.equal(resolveCallEndpoint({ endpointType: "vpc", region: "ap-southeast-1" }, {}, env).origin, "http://localhost:1234");
    });

    it("refuses plain http to a host that is not loopback, naming where it came from", () => {
        assert.throws(
            () => parseEndpoint("http://resourcedirectory.aliyuncs.com"),
            (e: unknown) => e instanceof InvalidArgumentError && e.field === "endpoint" && /only https:\/\//.test(e.message),
        );
        assert.throws(() => resolveCallEndpoint({}, {}, { [ENDPOINT_ENV]: "http://10.0.0.1" }), /env ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER/);
        assert.throws(
            () => resolveCallEndpoint({}, { endpoints: { resourcedirectory: "http://10.0.0.1" } }, {}, STACK_CONFIG_VOCABULARY),
            /stack config alicloud:endpoints resourcedirectory/,
        );
    });

    it("refuses plain http to hosts that only start like loopback ones (the check is anchored at both ends)", () => {
        for (const endpoint of ["http://127.0.0.1.nip.io:8080", "http://localhost.evil.example", "http://127.0.0.1.evil.example"]) {
            assert.throws(
                () => parseEndpoint(endpoint),
                (e: unknown) => e instanceof InvalidArgumentError && /only https:\/\//.test(e.message),
                endpoint,
            );
        }
        assert.equal(parseEndpoint("http://127.0.0.1:8080").origin, "http://127.0.0.1:8080");
        assert.equal(parseEndpoint("http://localhost:8080").origin, "http://localhost:8080");
    });

    it("never echoes a password given in an endpoint", () => {
        assert.throws(
            () => parseEndpoint("https://admin:hunter2@example.com"),
            (e: unknown) => e instanceof Error && !e.message.includes("hunter2") && /\*\*\*@example\.com/.test(e.message),
        );
    });

    it("never echoes user info, however the endpoint hides it: several @, leading blanks, backslashes, no scheme", () => {
        for (const endpoint of [
            "https://me@corp.com:SEKRET2@example.com",
            " https://admin:SEKRET2@example.com",
            "\thttps://admin:SEKRET2@example.com/",
            "https://admin:SEKRET2@exa mple.com",
            "admin:SEKRET2@example.com",
            "//admin:SEKRET2@example.com",
            "https:\\\\admin:SEKRET2@example.com",
            "https://a@b:SEKRET2@example.com/path?q=1@2",
        ]) {
            assert.throws(
                () => parseEndpoint(endpoint),
                (e: unknown) => e instanceof InvalidArgumentError && e.field === "endpoint" && !e.message.includes("SEKRET2") && /\*\*\*@exa/.test(e.message),
                JSON.stringify(endpoint),
            );
        }
    });

    it("never prints an endpoint given as something else than a string, and refuses it as an argument error", async () => {
        const endpoint = { url: "https://admin:SEKRET3@example.com", password: "SEKRET3" };
        for (const check of [
            () => parseEndpoint(endpoint as never),
            () => assertValidOptions({ endpoint }, ARGUMENT_NAMES),
            () => assertValidOptions({ stsEndpoint: endpoint }, ARGUMENT_NAMES),
        ]) {
            assert.throws(check, (e: unknown) => e instanceof InvalidArgumentError && !e.message.includes("SEKRET3") && /got an object/.test(e.message));
        }
        assert.throws(
            () => assertValidOptions({ endpoint: "" }, ARGUMENT_NAMES),
            (e: unknown) => e instanceof InvalidArgumentError && e.field === "endpoint",
        );
        await assert.rejects(
            listMessageContactVerifications({ endpoint: endpoint as never, accessKeyId: "id", accessKeySecret: "secret" }),
            (e: unknown) => e instanceof InvalidArgumentError && e.field === "endpoint" && !e.message.includes("SEKRET3"),
        );
    });

    it("refuses a host that breaks host name rules before any request: total length, label length, characters", async () => {
        const label = (n: number) => "a".repeat(n);
        const longest = [label(63), label(63), label(63), label(61)].join("."); // 253 characters
        assert.equal(parseEndpoint(longest).host, longest);
        assert.equal(parseEndpoint(`${longest}.`).host, `${longest}.`);
        for (const [endpoint, problem] of [
            [`${longest}a`, /the host name is 254 characters long, more than 253/],
            [`https://${label(64)}.example.com`, /its label 1 is 64 characters long, more than 63/],
            ["exa_mple.com", /its label 1 is not letters, digits and hyphens/],
            ["example-.com", /its label 1 is not letters, digits and hyphens/],
            ["a..example.com", /its label 2 is empty/],
        ] as const) {
            assert.throws(
                () => parseEndpoint(endpoint),
                (e: unknown) => e instanceof InvalidArgumentError && e.field === "endpoint" && problem.test(e.message),
                endpoint,
            );
        }
        for (const ok of ["resourcedirectory.aliyuncs.com", "xn--fiq228c.example.com", "bücher.example", "10.0.0.1", "[2001:db8::1]:443"]) {
            assert.doesNotThrow(() => parseEndpoint(ok), ok);
        }
        await assert.rejects(
            listMessageContactVerifications({ endpoint: `${longest}a`, accessKeyId: "id", accessKeySecret: "secret", maxAttempts: 1 }),
            (e: unknown) => e instanceof InvalidArgumentError && e.field === "endpoint" && /254 characters/.test(e.message),
        );
    });

    it("refuses other schemes, paths and embedded credentials", () => {
        assert.throws(() => parseEndpoint("ftp://example.com"), /https/);
        assert.throws(() => parseEndpoint("https://example.com/api"), /no path/);
        assert.throws(() => parseEndpoint("https://user:pw@example.com"), /no path, query or credentials/);
    });
});
