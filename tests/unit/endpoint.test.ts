import { strict as assert } from "node:assert";
import { DEFAULT_ENDPOINT_HOST, ENDPOINT_ENV, InvalidArgumentError, parseEndpoint, resolveEndpoint } from "../../provider";

describe("endpoint resolution", () => {
    it("defaults to the China site over https", () => {
        assert.deepEqual(resolveEndpoint(undefined, {}), { origin: `https://${DEFAULT_ENDPOINT_HOST}`, host: DEFAULT_ENDPOINT_HOST });
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

    it("prefers the explicit option, then the environment variable", () => {
        const env = { [ENDPOINT_ENV]: "http://localhost:1234" };
        assert.equal(resolveEndpoint(undefined, env).origin, "http://localhost:1234");
        assert.equal(resolveEndpoint("https://other.example", env).origin, "https://other.example");
    });

    it("refuses plain http to a host that is not loopback, naming the field", () => {
        assert.throws(
            () => parseEndpoint("http://resourcedirectory.aliyuncs.com"),
            (e: unknown) => e instanceof InvalidArgumentError && e.field === "endpoint" && /only https:\/\//.test(e.message),
        );
        assert.throws(() => resolveEndpoint(undefined, { [ENDPOINT_ENV]: "http://10.0.0.1" }), /env ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER/);
    });

    it("refuses other schemes, paths and embedded credentials", () => {
        assert.throws(() => parseEndpoint("ftp://example.com"), /https/);
        assert.throws(() => parseEndpoint("https://example.com/api"), /no path/);
        assert.throws(() => parseEndpoint("https://user:pw@example.com"), /no path, query or credentials/);
    });
});
