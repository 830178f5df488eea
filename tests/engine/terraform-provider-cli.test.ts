/**
 * The Terraform provider of the packed npm package under the real CLIs, `tofu` (OpenTofu) and `terraform`, built
 * by `npm run engine`, against the emulator: installed from a filesystem mirror written by the package's
 * `--write-mirror` (init writes the lock file), the example configuration (examples/terraform/main.tf) planned,
 * applied and refreshed over several pages, an unknown `contact_id` read at apply, a missing contact's error,
 * credentials from the environment and from the provider block, no secret in state, plan or output, and the Rego
 * policy the package ships (`policy/`) run by `opa eval` on the plan's JSON: the README's policy commands as they
 * stand (its block, the same in examples/terraform/README.md), which print the warnings and fail on a denial, a read
 * deferred to apply included.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Emulator, startEmulator, Verification } from "../../emulator";
import { findTerraformClis, TerraformClis } from "../../engine/terraform-clis";
import { consumerProject, ConsumerProject, REPO_ROOT } from "../support/consumer-project";
import { listingOutputsOf, verifications } from "../support/emulator-fixture";
import { PROVIDER_SOURCE, REGISTRY_HOST, TerraformWorkspace } from "../support/terraform-workspace";
import { codeBlocksOf } from "../support/markdown-blocks";
import { readmeBlock } from "../support/readme-blocks";

/** 23 verifications over three contacts: five pages of five. */
const LISTING = verifications(23);
/** The listing after a change: two gone, one added. */
const CHANGED: Verification[] = [...LISTING.slice(2), { contactId: "c-aaaaaaaa01", target: "new***@example.com" }];
const PAGE_SIZE = 5;
const CONTACT = "c-bbbbbbbb02";
const MISSING_CONTACT = "c-Missing0000001";

const EXAMPLE_MAIN_TF = readFileSync(join(REPO_ROOT, "examples", "terraform", "main.tf"), "utf8");
/** The README's policy commands (plan, show -json, opa eval of warn then deny), as typed, with `tofu`. */
const POLICY_COMMANDS = readmeBlock("sh", "data.main.deny[_].msg").code;
/** What makes a deferred read a warning: the settings file the README says to add with `-d`. */
const ALLOW_DEFERRED = { message_contacts: { allowDeferredReads: true } };

const REQUIRED_PROVIDERS = `terraform {
  required_providers {
    alicloudmessagecontacts = {
      source = "${PROVIDER_SOURCE}"
    }
  }
}
`;

/** What `output -json` prints for the example's outputs, as the listing's values. */
function outputValues(stdout: string) {
    const outputs = JSON.parse(stdout) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value]));
}

/** The example's outputs for `list`, written out from the listing. */
function expectedOutputs(list: readonly Verification[]) {
    const expected = listingOutputsOf(list);
    return {
        total_count: expected.totalCount,
        targets: expected.targets,
        verifications: expected.verifications.map((v) => ({ contact_id: v.contactId, target: v.target })),
    };
}

interface PlanJson {
    prior_state?: { values?: { root_module?: { resources?: { address: string; mode: string; values: Record<string, unknown> }[] } } };
    resource_changes?: { address: string; mode: string; change: { actions: string[] } }[];
    output_changes?: Record<string, { after?: unknown }>;
}

for (const cliName of ["tofu", "terraform"] as const) {
    describe(`${cliName}: the packed Terraform provider against the emulator`, function () {
        this.timeout(120_000);
        let clis: TerraformClis;
        let project: ConsumerProject;
        let emulator: Emulator;
        let ws: TerraformWorkspace;
        let example: string;
        let policyDir: string;
        const plans: string[] = [];

        /** The environment the example needs: the emulator as endpoint, its AccessKey, five items a page. */
        const envCredentials = (): NodeJS.ProcessEnv => ({
            ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER: emulator.url,
            ALICLOUD_ACCESS_KEY: emulator.account.accessKeyId,
            ALICLOUD_SECRET_KEY: emulator.account.accessKeySecret,
            TF_VAR_page_size: String(PAGE_SIZE),
        });

        /** `plan -out` then `show -json` of the plan, kept for the secret check. */
        async function planJson(dir: string, extra: NodeJS.ProcessEnv): Promise<PlanJson> {
            await ws.ok(dir, ["plan", "-input=false", "-out=tfplan"], extra);
            const json = await ws.ok(dir, ["show", "-json", "tfplan"], extra);
            plans.push(json);
            return JSON.parse(json) as PlanJson;
        }

        /** `opa eval` of the installed package's policy, its `deny` and `warn` messages over a plan's JSON. */
        function policy(plan: PlanJson): { deny: string[]; warn: string[] } {
            const file = join(ws.root, `plan-${plans.length}.json`);
            writeFileSync(file, JSON.stringify(plan));
            const query = '{"deny": [v.msg | some v in data.main.deny], "warn": [v.msg | some v in data.main.warn]}';
            const out = execFileSync(clis.opa, ["eval", "--format", "json", "-d", policyDir, "-i", file, query], { encoding: "utf8" });
            const result = JSON.parse(out) as { result: { expressions: { value: { deny: string[]; warn: string[] } }[] }[] };
            const value = result.result[0]?.expressions[0]?.value;
            assert.ok(value, `opa printed no result: ${out}`);
            return value;
        }

        /**
         * The README's policy commands in `dir` (with this CLI for `tofu`), and `settings` added as the README says
         * (`-d settings.json` to both `opa eval`s): their exit code and what they printed.
         */
        async function policyCommands(dir: string, settings?: object) {
            let script = POLICY_COMMANDS.replace(/^tofu /gm, `${cliName} `);
            if (settings) {
                writeFileSync(join(dir, "settings.json"), JSON.stringify(settings));
                script = script.split('-d "$POLICY"').join('-d "$POLICY" -d settings.json');
            }
            const result = await ws.shell(dir, script, clis.binDir, envCredentials());
            assert.ok(result.code === 0 || result.code === 1, `the policy commands exited ${result.code}: ${result.stderr}`);
            // What opa printed: the plan's own output comes first.
            const verdicts = result.stdout.split("\n").filter((line) => /^(warning|denied): /.test(line));
            return { ...result, verdicts };
        }

        const listingIn = (plan: PlanJson) => plan.prior_state?.values?.root_module?.resources?.find((r) => r.mode === "data")?.values;

        before(async function () {
            this.timeout(600_000);
            clis = findTerraformClis();
            project = await consumerProject();
            emulator = await startEmulator({ verifications: LISTING });
            ws = new TerraformWorkspace(clis[cliName], project);
            example = ws.folder("example", { "main.tf": EXAMPLE_MAIN_TF });
            policyDir = join(project.dir, "node_modules", project.packageName, "policy");
            // The package installed in the configuration's folder, as the README's `npm root` expects it.
            symlinkSync(join(project.dir, "node_modules"), join(example, "node_modules"), "dir");
        });
        after(async () => {
            await emulator?.close();
            if (ws && process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(ws.root, { recursive: true, force: true });
        });

        it("init installs the provider from the filesystem mirror alone and writes the lock file with its h1 hash", async () => {
            const stdout = await ws.ok(example, ["init", "-input=false"]);
            assert.match(stdout, /alicloudmessagecontacts v0\.1\.0/);
            const lock = readFileSync(join(example, ".terraform.lock.hcl"), "utf8");
            const version = JSON.parse(readFileSync(join(project.dir, "node_modules", project.packageName, "package.json"), "utf8")).version as string;
            const entry = new RegExp(
                `provider "${REGISTRY_HOST[cliName]}/${PROVIDER_SOURCE}" \\{\\s*version = "${version.replace(/\./g, "\\.")}"\\s*hashes = \\[\\s*"h1:[A-Za-z0-9+/]{43}=",`,
            );
            assert.match(lock, entry);
        });

        it("the README's policy commands are examples/terraform/README.md's", () => {
            const example = codeBlocksOf(readFileSync(join(REPO_ROOT, "examples", "terraform", "README.md"), "utf8"), "examples/terraform/README.md");
            assert.deepEqual(
                example.filter((block) => block.code.includes("data.main.deny[_].msg")).map((block) => block.code),
                [POLICY_COMMANDS],
            );
            assert.match(POLICY_COMMANDS, /^tofu plan -out=tfplan/m);
        });

        it("plan reads every page (23 verifications, page_size 5): the plan's prior_state holds the emulator's listing, and the policy denies it", async () => {
            emulator.resetRequests();
            const plan = await planJson(example, envCredentials());
            const expected = expectedOutputs(LISTING);
            const values = listingIn(plan);
            assert.ok(values, "no data source in the plan's prior_state");
            assert.deepEqual({ total_count: values.total_count, targets: values.targets, verifications: values.verifications }, expected);
            const pages = new Set(emulator.requests.filter((r) => r.query.PageSize === String(PAGE_SIZE)).map((r) => r.query.PageNumber));
            assert.deepEqual([...pages].sort(), ["1", "2", "3", "4", "5"]);
            const verdict = policy(plan);
            assert.equal(verdict.deny.length, 1, JSON.stringify(verdict));
            assert.match(
                verdict.deny[0] as string,
                /^data\.alicloudmessagecontacts_verifications\.pending: 23 pending message contact verifications: 138\*\*\*\*0000, /,
            );
            assert.deepEqual(verdict.warn, []);
        });

        it("the README's policy commands: print the denial and fail (exit 1) on the example's 23 pending verifications", async () => {
            const result = await policyCommands(example);
            assert.equal(result.code, 1, result.stdout + result.stderr);
            assert.equal(result.verdicts.length, 1, result.stdout);
            assert.match(
                result.verdicts[0] as string,
                /^denied: data\.alicloudmessagecontacts_verifications\.pending: 23 pending message contact verifications: /,
            );
        });

        it("apply records the listing: output -json equals the emulator's data exactly", async () => {
            await ws.ok(example, ["apply", "-input=false", "-auto-approve"], envCredentials());
            assert.deepEqual(outputValues(await ws.ok(example, ["output", "-json"])), expectedOutputs(LISTING));
        });

        it("the next plan sees a changed listing", async () => {
            emulator.setVerifications(CHANGED);
            const plan = await planJson(example, envCredentials());
            const values = listingIn(plan);
            assert.equal(values?.total_count, CHANGED.length);
            assert.deepEqual(values?.verifications, expectedOutputs(CHANGED).verifications);
            assert.equal(plan.output_changes?.total_count?.after, CHANGED.length);
            // Not applied: the state still holds the first listing.
            assert.deepEqual(outputValues(await ws.ok(example, ["output", "-json"])), expectedOutputs(LISTING));
        });

        it("apply -refresh-only records the changed listing", async () => {
            await ws.ok(example, ["apply", "-refresh-only", "-input=false", "-auto-approve"], envCredentials());
            assert.deepEqual(outputValues(await ws.ok(example, ["output", "-json"])), expectedOutputs(CHANGED));
        });

        it("the policy allows a plan with no pending verification", async () => {
            emulator.setVerifications([]);
            try {
                const plan = await planJson(example, envCredentials());
                assert.equal(listingIn(plan)?.total_count, 0);
                assert.deepEqual(policy(plan), { deny: [], warn: [] });
                const result = await policyCommands(example);
                assert.equal(result.code, 0, result.stdout + result.stderr);
                assert.deepEqual(result.verdicts, []);
            } finally {
                emulator.setVerifications(CHANGED);
            }
        });

        it("an unknown contact_id (a terraform_data's output) defers the read to apply; the README's commands deny it (warn when allowed); apply reads it", async () => {
            const dir = ws.folder("deferred", {
                "main.tf": `${REQUIRED_PROVIDERS}
resource "terraform_data" "contact" {
  input = "${CONTACT}"
}

data "alicloudmessagecontacts_verifications" "one" {
  contact_id = terraform_data.contact.output
  page_size  = ${PAGE_SIZE}
}

output "verifications" {
  value = data.alicloudmessagecontacts_verifications.one.verifications
}
`,
            });
            await ws.ok(dir, ["init", "-input=false"]);
            emulator.resetRequests();
            const plan = await planJson(dir, envCredentials());
            assert.equal(listingIn(plan), undefined, "read at plan time");
            const change = plan.resource_changes?.find((r) => r.address === "data.alicloudmessagecontacts_verifications.one");
            assert.deepEqual(change?.change.actions, ["read"]);
            assert.equal(emulator.requests.length, 0, "the service was called at plan time");
            const verdict = policy(plan);
            assert.deepEqual(verdict.warn, []);
            assert.deepEqual(verdict.deny, [
                "data.alicloudmessagecontacts_verifications.one: the listing is not known yet (an argument is known only later, from another resource), " +
                    "so no policy can check it before it is read. Make the argument known when planning, or set allowDeferredReads to let it through with a warning.",
            ]);
            // The documented gate: it used to exit 0 here, its query seeing no denial and the warning never shown.
            symlinkSync(join(project.dir, "node_modules"), join(dir, "node_modules"), "dir");
            const gate = await policyCommands(dir);
            assert.equal(gate.code, 1, gate.stdout + gate.stderr);
            assert.deepEqual(gate.verdicts, [`denied: ${verdict.deny[0]}`]);
            const allowed = await policyCommands(dir, ALLOW_DEFERRED);
            assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
            assert.equal(allowed.verdicts.length, 1, allowed.stdout);
            assert.match(
                allowed.verdicts[0] as string,
                /^warning: data\.alicloudmessagecontacts_verifications\.one: the listing is not known yet .* allowDeferredReads lets it through\.$/,
            );
            assert.equal(emulator.requests.length, 0, "the service was called at plan time");
            await ws.ok(dir, ["apply", "-input=false", "tfplan"], envCredentials());
            const expected = expectedOutputs(CHANGED.filter((v) => v.contactId === CONTACT)).verifications;
            assert.ok(expected.length > PAGE_SIZE, "the contact's listing spans one page only");
            assert.deepEqual(outputValues(await ws.ok(dir, ["output", "-json"])).verifications, expected);
        });

        it("the policy finds a listing read in a child module", async () => {
            const dir = ws.folder("module", {
                "main.tf": `module "listing" {\n  source = "./listing"\n}\n`,
            });
            const child = join(dir, "listing");
            mkdirSync(child);
            writeFileSync(join(child, "main.tf"), `${REQUIRED_PROVIDERS}\ndata "alicloudmessagecontacts_verifications" "all" {}\n`);
            await ws.ok(dir, ["init", "-input=false"]);
            const plan = await planJson(dir, envCredentials());
            const verdict = policy(plan);
            assert.deepEqual(verdict.warn, []);
            assert.equal(verdict.deny.length, 1, JSON.stringify(verdict));
            assert.match(
                verdict.deny[0] as string,
                new RegExp(`^module\\.listing\\.data\\.alicloudmessagecontacts_verifications\\.all: ${emulator.verifications().length} pending message`),
            );
        });

        it("dev_overrides pointing at the consumer project's node_modules/.bin: plan without init", async () => {
            const bin = join(project.dir, "node_modules", ".bin");
            const keys = Object.values(REGISTRY_HOST).map((host) => `    "${host}/${PROVIDER_SOURCE}" = ${JSON.stringify(bin)}`);
            const config = join(ws.root, "dev.tfrc");
            writeFileSync(config, `provider_installation {\n  dev_overrides {\n${keys.join("\n")}\n  }\n}\n`);
            const dir = ws.folder("dev-overrides", { "main.tf": EXAMPLE_MAIN_TF });
            const result = await ws.run(dir, ["plan", "-input=false"], envCredentials(), config);
            assert.equal(result.code, 0, result.stdout + result.stderr);
            assert.match(result.stdout + result.stderr, /[Pp]rovider development overrides are in effect/);
            assert.match(result.stdout, new RegExp(`total_count\\s+= ${CHANGED.length}`));
        });

        it("a missing contact fails the plan with EntityNotExists.Contact in the diagnostic, without a stack trace", async () => {
            const dir = ws.folder("missing", {
                "main.tf": `${REQUIRED_PROVIDERS}
data "alicloudmessagecontacts_verifications" "one" {
  contact_id = "${MISSING_CONTACT}"
}
`,
            });
            await ws.ok(dir, ["init", "-input=false"]);
            const result = await ws.run(dir, ["plan", "-input=false"], envCredentials());
            assert.equal(result.code, 1, result.stdout + result.stderr);
            assert.match(result.stderr, /EntityNotExists\.Contact/);
            assert.match(result.stderr, /RequestId/);
            assert.match(result.stderr, /contact_id/);
            assert.doesNotMatch(result.stderr, /\n\s+at \S+ \(/, "a stack trace");
        });

        it("credentials from the provider block win over the environment's", async () => {
            const dir = ws.folder("block", {
                "main.tf": `${REQUIRED_PROVIDERS}
variable "access_key" {
  type      = string
  sensitive = true
  default   = null
}

variable "secret_key" {
  type      = string
  sensitive = true
  default   = null
}

provider "alicloudmessagecontacts" {
  endpoint   = "${emulator.url}"
  access_key = var.access_key
  secret_key = var.secret_key
}

data "alicloudmessagecontacts_verifications" "all" {}

output "total_count" {
  value = data.alicloudmessagecontacts_verifications.all.total_count
}
`,
            });
            await ws.ok(dir, ["init", "-input=false"]);
            const wrongEnvironment = { ALICLOUD_ACCESS_KEY: "wrong-access-key-id", ALICLOUD_SECRET_KEY: "wrong-access-key-secret" };
            const right = { TF_VAR_access_key: emulator.account.accessKeyId, TF_VAR_secret_key: emulator.account.accessKeySecret };
            // The wrong environment alone is refused: the block's keys below are what makes the read succeed.
            const refused = await ws.run(dir, ["plan", "-input=false"], wrongEnvironment);
            assert.equal(refused.code, 1);
            assert.match(refused.stderr, /InvalidAccessKeyId|SignatureDoesNotMatch/);
            await ws.ok(dir, ["apply", "-input=false", "-auto-approve"], { ...wrongEnvironment, ...right });
            assert.deepEqual(outputValues(await ws.ok(dir, ["output", "-json"])), { total_count: CHANGED.length });
            const state = readFileSync(join(dir, "terraform.tfstate"), "utf8");
            assert.ok(!state.includes(emulator.account.accessKeySecret), "the AccessKey secret is in the state");
        });

        it("no AccessKey secret in the example's state, in any plan's JSON of the environment's credentials, or in anything printed", () => {
            const secret = emulator.account.accessKeySecret;
            assert.ok(plans.length >= 4);
            assert.ok(!readFileSync(join(example, "terraform.tfstate"), "utf8").includes(secret), "in the state");
            for (const plan of plans) assert.ok(!plan.includes(secret), "in a plan's JSON");
            assert.ok(ws.printed.length > 0);
            for (const text of ws.printed) assert.ok(!text.includes(secret), `printed: ${text.slice(0, 200)}`);
        });
    });
}
