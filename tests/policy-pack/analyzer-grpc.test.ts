/**
 * The example policy pack served by the real `@pulumi/policy` analyzer, started and driven over gRPC the way
 * the Pulumi engine does for `pulumi preview --policy-pack examples/policy-pack` (see
 * tests/support/policy-analyzer.ts): `node <@pulumi/pulumi/cmd/run-policy-pack> <engine> .` in the pack's
 * directory (ts-node type-checks and loads index.ts), then Handshake, ConfigureStack, GetAnalyzerInfo,
 * Configure and AnalyzeStack with the stack's resources and their outputs, as recorded in state.
 */
import { strict as assert } from "node:assert";
import { first } from "../support/first";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
    AnalyzeResult,
    AnalyzerRpcError,
    PolicyAnalyzer,
    reconcilePolicyConfig,
    rpcSecret,
    StackResource,
    startPolicyAnalyzer,
    UNKNOWN_VALUE,
    UserPolicyPackConfig,
} from "../support/policy-analyzer";
import { linkLocalPackage, PACK_DIR, REPO_ROOT } from "./pack";

const TYPE = "pulumi-nodejs:dynamic/alicloud:MessageContactVerifications";
/** The provider plugin's resource, as YAML, Python and Go programs record it. */
const PLUGIN_TYPE = "alicloud-message-contacts:index:MessageContactVerifications";
const PROJECT = "alicloud-message-contacts-example";
const STACK = "dev";
const NO_PENDING = "no-pending-message-contact-verifications";
const TARGETS_ALLOWED = "message-contact-verification-targets-allowed";
const LISTING_KNOWN = "message-contact-verification-listing-known";
/** Why every policy has nothing to check in a stack without the resource. */
const NO_LISTING =
    "no message contact verifications listing (data source alicloudmessagecontacts_verifications, resource MessageContactVerifications) in the plan or stack";
/** Why the rules that judge a listing have nothing to check while none is read. */
const NOT_READ_YET = "no listing is read yet (an argument is not known when planning): it is checked once it is read";
/** The emulator's demo data (`node dist/emulator/main.js --demo N`), from the build. */
const { demoVerifications } = require(join(REPO_ROOT, "dist", "emulator", "demo-verifications")) as typeof import("../../emulator/demo-verifications");
const PACK_VERSION = (JSON.parse(readFileSync(join(PACK_DIR, "package.json"), "utf8")) as { version: string }).version;

const STACK_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
const PROVIDER_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:pulumi-nodejs::default`;
const PLUGIN_PROVIDER_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:alicloud-message-contacts::default`;
const urnOf = (name: string, type = TYPE) => `urn:pulumi:${STACK}::${PROJECT}::${type}::${name}`;

interface Listing {
    name: string;
    targets: string[];
    contactId?: string;
    /** `secretTargets: true`: verifications and targets are secret in state. */
    secret?: boolean;
    /**
     * The provider plugin's resource instead of the dynamic one: `secretTargets` is then an input recorded in
     * state and the targets secret values, with no `additionalSecretOutputs`.
     */
    plugin?: boolean;
    /** Outputs unknown (as a provider that previews would give them). */
    unknown?: boolean;
    /**
     * Planned to be created or updated by a preview: the engine passes the inputs as outputs, since dynamic
     * providers do not preview (the Node.js host never sets `supportsPreview`).
     */
    planned?: boolean;
}

/** A stack as the engine sends it to AnalyzeStack: the Stack, the default dynamic provider, the listings. */
function stack(...listings: Listing[]): StackResource[] {
    const resources: StackResource[] = [
        { urn: STACK_URN, type: "pulumi:pulumi:Stack", name: `${PROJECT}-${STACK}`, properties: {} },
        { urn: PROVIDER_URN, type: "pulumi:providers:pulumi-nodejs", name: "default", properties: {}, parent: STACK_URN },
    ];
    for (const listing of listings) {
        const verifications = listing.targets.map((target, i) => ({ contactId: listing.contactId ?? `c-contact0000000${i % 3}`, target }));
        const targets = [...new Set(listing.targets)].sort();
        // Outputs as in state (inputs, then the listing); `__provider` is internal and not sent to analyzers.
        const properties: Record<string, unknown> = listing.contactId ? { contactId: listing.contactId } : {};
        if (listing.plugin && listing.secret) properties.secretTargets = true;
        if (listing.planned) {
            // Inputs only: nothing recorded.
        } else if (listing.unknown) {
            Object.assign(properties, { totalCount: UNKNOWN_VALUE, verifications: UNKNOWN_VALUE, targets: UNKNOWN_VALUE });
        } else {
            Object.assign(properties, {
                totalCount: verifications.length,
                verifications: listing.secret ? rpcSecret(verifications) : verifications,
                targets: listing.secret ? rpcSecret(targets) : targets,
            });
        }
        const type = listing.plugin ? PLUGIN_TYPE : TYPE;
        const provider = listing.plugin ? PLUGIN_PROVIDER_URN : PROVIDER_URN;
        resources.push({
            urn: urnOf(listing.name, type),
            type,
            name: listing.name,
            properties,
            parent: STACK_URN,
            options: { additionalSecretOutputs: listing.secret && !listing.plugin ? ["verifications", "targets"] : [] },
            provider: { urn: `${provider}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`, type: provider.split("::")[2] ?? "", name: "default" },
        });
    }
    return resources;
}

const PENDING: Listing = {
    name: "pending-verifications",
    targets: ["someone***@example.com", "138****0000", "+852-6123****", "ab***@example.org", "852-6124****"],
};
const CLEAN: Listing = { name: "pending-verifications", targets: [] };

describe("policy pack: the analyzer over gRPC, started as the engine starts it", function () {
    // Starting the pack type-checks it with ts-node: a few seconds.
    this.timeout(90_000);
    let analyzer: PolicyAnalyzer | undefined;

    /** Configures the pack as the engine does: user config reconciled with the policies' defaults. */
    async function configure(config: UserPolicyPackConfig = {}): Promise<void> {
        const info = await analyzer!.getAnalyzerInfo();
        await analyzer!.configure(reconcilePolicyConfig(info.policies, config));
    }

    function byPolicy(result: AnalyzeResult, name: string) {
        return result.diagnostics.filter((d) => d.policyName === name);
    }

    before(async () => {
        linkLocalPackage();
        analyzer = await startPolicyAnalyzer({
            packDir: PACK_DIR,
            project: PROJECT,
            stack: STACK,
            config: { "alicloud:region": "cn-hangzhou" },
        });
    });

    after(async () => {
        const running = analyzer;
        analyzer = undefined;
        if (!running) return;
        await running.close();
        assert.ok(running.exit !== undefined, "the analyzer process is stopped");
    });

    it("starts like the engine expects: port line, Handshake unimplemented (tolerated), ConfigureStack, plugin info", async () => {
        assert.ok(analyzer!.port > 0);
        assert.equal(await analyzer!.handshake(), "unimplemented");
        await analyzer!.configureStack({ "pulumi:project": PROJECT });
        assert.match(await analyzer!.getPluginInfo(), /^\d+\.\d+\.\d+/);
    });

    it("lists the pack and its policies (the Rego policy's rules): stack policies, advisory by default, the config schema", async () => {
        const info = await analyzer!.getAnalyzerInfo();
        assert.equal(info.name, "alicloud-message-contacts");
        assert.equal(info.version, PACK_VERSION);
        assert.equal(info.supportsConfig, true);
        assert.deepEqual(
            info.policies.map((p) => [p.name, p.type, p.enforcementLevel]),
            [
                [LISTING_KNOWN, "stack", "advisory"],
                [TARGETS_ALLOWED, "stack", "advisory"],
                [NO_PENDING, "stack", "advisory"],
            ],
        );
        const schema = info.policies.find((p) => p.name === TARGETS_ALLOWED)?.configSchema;
        assert.deepEqual(Object.keys(schema?.properties ?? {}).sort(), ["allowedEmailDomains", "allowedPhoneCountryCodes", "defaultPhoneCountryCode"]);
        assert.equal(schema?.properties.defaultPhoneCountryCode?.default, "86");
        assert.deepEqual(reconcilePolicyConfig(info.policies)[TARGETS_ALLOWED], {
            enforcementLevel: "advisory",
            properties: { allowedEmailDomains: [], allowedPhoneCountryCodes: [], defaultPhoneCountryCode: "86" },
        });
    });

    it("with the default config: advises about pending verifications; targets are unrestricted (not applicable)", async () => {
        await configure();
        const result = await analyzer!.analyzeStack(stack(PENDING));
        assert.equal(result.diagnostics.length, 1, JSON.stringify(result.diagnostics));
        const diagnostic = first(result.diagnostics);
        assert.equal(diagnostic.policyName, NO_PENDING);
        assert.equal(diagnostic.policyPackName, "alicloud-message-contacts");
        assert.equal(diagnostic.policyPackVersion, PACK_VERSION);
        assert.equal(diagnostic.enforcementLevel, "advisory");
        assert.equal(diagnostic.severity, "low");
        assert.equal(diagnostic.urn, urnOf(PENDING.name));
        // The server prefixes the policy's description to the message.
        assert.equal(
            diagnostic.message,
            "Message contacts have no pending verification.\n" +
                'MessageContactVerifications "pending-verifications": 5 pending message contact verifications: +852-6123****, 138****0000, 852-6124**** and 2 more. ' +
                "Have each contact confirm the verification sent to them, or remove the contact.",
        );
        assert.deepEqual(result.notApplicable, [{ policyName: TARGETS_ALLOWED, reason: "no allowedEmailDomains or allowedPhoneCountryCodes configured" }]);
    });

    it("with allowed lists and levels configured: reports the disallowed targets at the configured level", async () => {
        await configure({
            [NO_PENDING]: "mandatory",
            [TARGETS_ALLOWED]: { enforcementLevel: "mandatory", allowedEmailDomains: ["example.com"], allowedPhoneCountryCodes: ["86"] },
        });
        const result = await analyzer!.analyzeStack(stack(PENDING));
        assert.deepEqual(result.notApplicable, []);
        const pending = first(byPolicy(result, NO_PENDING));
        assert.equal(pending.enforcementLevel, "mandatory");
        const targets = byPolicy(result, TARGETS_ALLOWED);
        assert.equal(targets.length, 1);
        assert.equal(first(targets).enforcementLevel, "mandatory");
        assert.equal(first(targets).severity, "medium");
        assert.equal(first(targets).urn, urnOf(PENDING.name));
        assert.equal(
            first(targets).message,
            "Message contact verification targets use allowed email domains and phone country codes.\n" +
                'MessageContactVerifications "pending-verifications": 3 of 5 verification targets outside the allowed lists: ' +
                "+852-6123**** (phone country code 852 is not allowed), 852-6124**** (phone country code 852 is not allowed), " +
                "ab***@example.org (email domain example.org is not allowed). Allowed email domains: example.com; allowed phone country codes: 86.",
        );
    });

    it("applies defaultPhoneCountryCode to numbers without a country code, and `all` to every policy's level", async () => {
        await configure({
            all: "mandatory",
            [TARGETS_ALLOWED]: { allowedPhoneCountryCodes: ["852"], defaultPhoneCountryCode: "852" },
        });
        const result = await analyzer!.analyzeStack(stack(PENDING));
        assert.deepEqual(
            result.diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
            [[NO_PENDING, "mandatory"]],
        );
    });

    it("passes a compliant stack: no diagnostics", async () => {
        await configure({ [TARGETS_ALLOWED]: { allowedEmailDomains: ["example.com"], allowedPhoneCountryCodes: ["86", "852"] } });
        const clean = await analyzer!.analyzeStack(stack(CLEAN));
        assert.deepEqual(clean.diagnostics, []);
        assert.deepEqual(clean.notApplicable, []);
        // Pending, but only to allowed targets, with the pending policy disabled.
        await configure({
            [NO_PENDING]: "disabled",
            [TARGETS_ALLOWED]: { allowedEmailDomains: ["example.com", "example.org"], allowedPhoneCountryCodes: ["86", "+852"] },
        });
        assert.deepEqual((await analyzer!.analyzeStack(stack(PENDING))).diagnostics, []);
    });

    it("keeps secret targets (secretTargets: true) out of every message", async () => {
        await configure({ [TARGETS_ALLOWED]: { allowedEmailDomains: ["example.com"], allowedPhoneCountryCodes: ["86"] } });
        const result = await analyzer!.analyzeStack(stack({ ...PENDING, secret: true }));
        assert.deepEqual(
            result.diagnostics.map((d) => d.policyName),
            [TARGETS_ALLOWED, NO_PENDING],
        );
        assert.match(first(byPolicy(result, NO_PENDING)).message, /: 5 pending message contact verifications \(targets not shown: they are secret\)/);
        assert.match(
            first(byPolicy(result, TARGETS_ALLOWED)).message,
            /3 of 5 verification targets outside the allowed lists \(1 email address, 2 phone numbers; targets not shown/,
        );
        for (const diagnostic of result.diagnostics) {
            for (const target of PENDING.targets) assert.ok(!diagnostic.message.includes(target), `${diagnostic.policyName} shows ${target}`);
        }
    });

    it("checks the provider plugin's resource (a YAML, Python or Go program's) like the dynamic one", async () => {
        await configure({ all: "mandatory", [TARGETS_ALLOWED]: { allowedEmailDomains: ["example.com"], allowedPhoneCountryCodes: ["86"] } });
        const result = await analyzer!.analyzeStack(stack({ ...PENDING, name: "pendingRecord", plugin: true }));
        assert.deepEqual(result.notApplicable, []);
        assert.deepEqual(
            result.diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn]),
            [
                [TARGETS_ALLOWED, "mandatory", urnOf("pendingRecord", PLUGIN_TYPE)],
                [NO_PENDING, "mandatory", urnOf("pendingRecord", PLUGIN_TYPE)],
            ],
        );
        assert.match(first(byPolicy(result, NO_PENDING)).message, /MessageContactVerifications "pendingRecord": 5 pending message contact verifications: /);
        assert.match(first(byPolicy(result, TARGETS_ALLOWED)).message, /"pendingRecord": 3 of 5 verification targets outside the allowed lists: /);
    });

    it("keeps the plugin resource's secret targets (secretTargets: true, secret values in state) out of every message", async () => {
        await configure({ [TARGETS_ALLOWED]: { allowedEmailDomains: ["example.com"], allowedPhoneCountryCodes: ["86"] } });
        const result = await analyzer!.analyzeStack(stack({ ...PENDING, name: "pendingRecord", plugin: true, secret: true }));
        assert.deepEqual(
            result.diagnostics.map((d) => d.policyName),
            [TARGETS_ALLOWED, NO_PENDING],
        );
        assert.match(first(byPolicy(result, NO_PENDING)).message, /: 5 pending message contact verifications \(targets not shown/);
        for (const diagnostic of result.diagnostics) {
            for (const target of PENDING.targets) assert.ok(!diagnostic.message.includes(target), `${diagnostic.policyName} shows ${target}`);
        }
    });

    it("reports each listing on its own resource", async () => {
        await configure({ [TARGETS_ALLOWED]: { allowedEmailDomains: ["example.com"] } });
        const result = await analyzer!.analyzeStack(
            stack({ name: "all-contacts", targets: ["x***@example.net"] }, { name: "one-contact", targets: [], contactId: "c-qL4HqKONzOM7ab" }),
        );
        assert.deepEqual(
            result.diagnostics.map((d) => [d.policyName, d.urn]),
            [
                [TARGETS_ALLOWED, urnOf("all-contacts")],
                [NO_PENDING, urnOf("all-contacts")],
            ],
        );
    });

    it("in a preview whose inputs are not known yet (no listing planned): listing-known reports it, at its level", async () => {
        await configure({ all: "mandatory", [TARGETS_ALLOWED]: { allowedEmailDomains: ["example.com"] } });
        const result = await analyzer!.analyzeStack(stack({ ...PENDING, contactId: "c-qL4HqKONzOM7ab", planned: true }));
        assert.deepEqual(
            result.diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn]),
            [[LISTING_KNOWN, "mandatory", urnOf(PENDING.name)]],
        );
        assert.match(
            first(result.diagnostics).message,
            /MessageContactVerifications "pending-verifications" \(contact c-qL4HqKONzOM7ab\): the listing is not known yet .* so no policy can check it before it is read/,
        );
        assert.deepEqual(result.notApplicable, [
            { policyName: TARGETS_ALLOWED, reason: NOT_READ_YET },
            { policyName: NO_PENDING, reason: NOT_READ_YET },
        ]);
        // Advisory (the default): the preview passes, and shows it.
        await configure({ [TARGETS_ALLOWED]: { allowedEmailDomains: ["example.com"] } });
        const advisory = await analyzer!.analyzeStack(stack({ ...PENDING, planned: true }));
        assert.deepEqual(
            advisory.diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
            [[LISTING_KNOWN, "advisory"]],
        );
    });

    it("outputs unknown at preview are a listing not known yet: listing-known reports it, the others have nothing to check", async () => {
        await configure({ all: "mandatory", [TARGETS_ALLOWED]: { allowedEmailDomains: ["example.com"] } });
        const result = await analyzer!.analyzeStack(stack({ ...PENDING, unknown: true }));
        assert.deepEqual(
            result.diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
            [[LISTING_KNOWN, "mandatory"]],
        );
        assert.doesNotMatch(first(result.diagnostics).message, /can't run policy/);
        assert.deepEqual(
            result.notApplicable.map((n) => n.policyName),
            [TARGETS_ALLOWED, NO_PENDING],
        );
    });

    it("is not applicable to a stack without MessageContactVerifications", async () => {
        await configure({ [TARGETS_ALLOWED]: { allowedEmailDomains: ["example.com"] } });
        const result = await analyzer!.analyzeStack(stack());
        assert.deepEqual(result.diagnostics, []);
        assert.deepEqual(result.notApplicable, [
            { policyName: LISTING_KNOWN, reason: NO_LISTING },
            { policyName: TARGETS_ALLOWED, reason: NO_LISTING },
            { policyName: NO_PENDING, reason: NO_LISTING },
        ]);
    });

    it("with the README's example config, over the emulator's --demo 20 listing", async () => {
        const config = JSON.parse(readFileSync(join(PACK_DIR, "policy-config.example.json"), "utf8")) as UserPolicyPackConfig;
        await configure(config);
        const demo = demoVerifications(20);
        const targets = [...new Set(demo.map((v) => v.target))];
        const outside = targets.filter((t) => t.includes("@") && !t.endsWith("@example.com"));
        assert.ok(outside.length > 0 && outside.length < targets.length, "the demo data mixes allowed and other domains");
        const result = await analyzer!.analyzeStack(stack({ name: "pending-verifications", targets: demo.map((v) => v.target) }));
        assert.deepEqual(
            result.diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
            [
                [TARGETS_ALLOWED, "advisory"],
                [NO_PENDING, "mandatory"],
            ],
        );
        assert.match(first(byPolicy(result, NO_PENDING)).message, /: 20 pending message contact verifications: /);
        const message = first(byPolicy(result, TARGETS_ALLOWED)).message;
        assert.match(message, new RegExp(`: ${outside.length} of ${targets.length} verification targets outside the allowed lists: `));
        assert.match(message, /\(email domain example\.(net|org) is not allowed\)/);
        assert.doesNotMatch(message, /\(phone country code/, "the demo numbers are mainland numbers, allowed");
    });

    it("fails AnalyzeStack with the policy's error when config bypassed the engine's schema check", async () => {
        await analyzer!.configure({ [TARGETS_ALLOWED]: { enforcementLevel: "advisory", properties: { allowedPhoneCountryCodes: ["China"] } } });
        await assert.rejects(analyzer!.analyzeStack(stack(PENDING)), (error: Error) => {
            assert.ok(error instanceof AnalyzerRpcError, String(error));
            assert.match(error.details, new RegExp(`Error validating resource with policy '${TARGETS_ALLOWED}'`));
            assert.match(
                error.details,
                new RegExp(`${TARGETS_ALLOWED}: allowedPhoneCountryCodes\\[0\\]: "China" is not a country code; accepted: 1 to 4 digits`),
            );
            return true;
        });
        // The analyzer keeps serving.
        await configure();
        assert.equal((await analyzer!.analyzeStack(stack(CLEAN))).diagnostics.length, 0);
    });

    it("wrote no error to stderr (Node's own warnings aside)", () => {
        const lines = analyzer!.stderr.split("\n").filter((line) => line.trim() !== "" && !/^\(node:\d+\) \w*Warning|^\(Use `node --trace-/.test(line));
        assert.deepEqual(lines, []);
    });
});

describe("policy pack: starting the analyzer, failures", function () {
    this.timeout(30_000);
    let dir: string;

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "broken-policy-pack-"));
        writeFileSync(join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
        writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "broken", version: "0.0.1" }));
        writeFileSync(join(dir, "index.js"), 'throw new Error("policy pack failed on purpose");\n');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("says the dependencies are missing when @pulumi/pulumi cannot be resolved from the pack", async () => {
        await assert.rejects(startPolicyAnalyzer({ packDir: dir }), /policy pack's dependencies are not installed; try running npm install in /);
    });

    it("rejects with the pack's stderr when it exits before printing its port", async () => {
        symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
        await assert.rejects(startPolicyAnalyzer({ packDir: dir, startTimeoutMs: 20_000 }), (error: Error) => {
            assert.match(error.message, /did not start: it exited \(code \d+\)/);
            assert.match(error.message, /stderr: [^]*policy pack failed on purpose/);
            return true;
        });
    });
});
