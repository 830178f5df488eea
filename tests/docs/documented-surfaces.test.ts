/**
 * What the docs name, the surfaces have; what the surfaces have, the docs document, with the same range and
 * default. Built from what the package serves, not from a list here: the Terraform provider's and data source's
 * schema objects (provider/terraform/provider-schema.ts) and the Pulumi plugin's generated schema
 * (sdks/schema.json: config, function, resource), each attribute's range (`From A to B.`) and default
 * (`Default: X.`) read from its description; the keys the programs' stack config and the dynamic provider read
 * (asked of a recording getter); the flags each command's parser accepts; the environment variables the option
 * table, the credential chain and the providers read (or that `@alicloud/credentials` reads, for its chain).
 *
 * - Every attribute is documented where its users look: the Terraform registry pages (docs/index.md,
 *   docs/data-sources/verifications.md) give each one a bullet; the Pulumi registry page
 *   (docs/installation-configuration.md) and the README's settings table each config key; the README's arguments
 *   and result tables the function's inputs and outputs; its resource section the resource's. Where a place states
 *   a range or a default, it is the schema's.
 * - Every attribute, config key, flag and environment variable those pages and the READMEs name exists on the
 *   surface it is named for.
 *
 * A new attribute (another output, another argument) is held to the same, without a change here.
 */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { HELP } from "../../cli/usage";
import { parseCommandLine } from "../../cli/parse-command-line";
import { USAGE as EMULATOR_USAGE } from "../../emulator/main";
import { CREDENTIAL_ENV, OPTION_DEFINITIONS, OPTION_NAMES } from "../../provider/alibaba-client";
import { readStackConfig } from "../../provider/dynamic/stack-config";
import { HELP_FLAGS, VERSION_FLAG } from "../../provider/plugin-process/command-line";
import { NETWORK_OVERRIDE_KEY } from "../../provider/terraform/handshake";
import { WRITE_MIRROR_FLAG } from "../../provider/terraform/provider-flags";
import { DATA_SOURCE_TYPE, PROVIDER_TYPE } from "../../provider/terraform/terraform-names";
import { REPO_ROOT } from "../support/consumer-project";
import {
    backticked,
    cellNames,
    cellRangeOf,
    defaultOf,
    prose,
    pulumiAttributes,
    rangeOf,
    registryBullets,
    section,
    SurfaceAttribute,
    tableRows,
    terraformAttributes,
} from "../support/documented-attributes";

const read = (file: string) => readFileSync(join(REPO_ROOT, file), "utf8");
const README = read("README.md");
const EXAMPLE_READMES = readdirSync(join(REPO_ROOT, "examples"))
    .map((name) => `examples/${name}/README.md`)
    .filter((file) => existsSync(join(REPO_ROOT, file)));
const DOC_PAGES = ["docs/index.md", "docs/data-sources/verifications.md", "docs/_index.md", "docs/installation-configuration.md"];
const TERRAFORM_PAGES = { "Terraform provider": "docs/index.md", "Terraform data source": "docs/data-sources/verifications.md" } as const;

const TERRAFORM = terraformAttributes();
const PULUMI = pulumiAttributes();
const of = (attributes: readonly SurfaceAttribute[], surface: SurfaceAttribute["surface"]) => attributes.filter((a) => a.surface === surface);
const topLevel = (attributes: readonly SurfaceAttribute[]) => attributes.filter((a) => !a.name.includes("."));

/** Fails unless `doc` states the attribute's range and default as its schema does (where `doc` states one). */
function sameRangeAndDefault(attribute: SurfaceAttribute, doc: { range?: { min: string; max: string }; default?: string }, where: string): void {
    if (doc.range !== undefined) assert.deepEqual(doc.range, rangeOf(attribute.description), `${where}: ${attribute.name}'s range`);
    if (doc.default !== undefined) assert.equal(doc.default, defaultOf(attribute.description), `${where}: ${attribute.name}'s default`);
}

/** Every name a Terraform user may write: attributes and blocks, by path and (nested ones) by their own name. */
function terraformNames(): Set<string> {
    return new Set([...TERRAFORM.flatMap((a) => [a.name, a.name.split(".").pop() as string]), PROVIDER_TYPE, DATA_SOURCE_TYPE]);
}

/** A backticked token that names a Terraform attribute the way Terraform's docs do: `page_size`, `timeouts.read`. */
const TERRAFORM_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** The keys the programs' get functions and the dynamic provider read from stack config. */
function dynamicConfigKeys(): Set<string> {
    const asked = new Set<string>();
    readStackConfig((key) => {
        asked.add(key);
        return undefined;
    });
    return asked;
}

/** The attributes a README settings-table row names in `column` (first backticked name), by row. */
function settingsRows(): string[][] {
    return tableRows(README, "<!-- options:settings -->");
}

describe("the docs and the surfaces agree: every attribute documented, every documented name served", () => {
    it("the schemas are read: both Terraform schemas, and the plugin's config, function and resource", () => {
        for (const surface of ["Terraform provider", "Terraform data source", "Pulumi config", "Pulumi function", "Pulumi resource"] as const) {
            assert.ok(
                [...TERRAFORM, ...PULUMI].some((a) => a.surface === surface),
                surface,
            );
        }
        assert.ok(
            [...TERRAFORM, ...PULUMI].some((a) => rangeOf(a.description)) && [...TERRAFORM, ...PULUMI].some((a) => defaultOf(a.description)),
            "ranges and defaults are read",
        );
    });

    describe("every attribute is documented, with its schema's range and default", () => {
        for (const [surface, page] of Object.entries(TERRAFORM_PAGES)) {
            it(`${surface}: each attribute and block has its bullet on ${page}`, () => {
                const bullets = registryBullets(read(page));
                for (const attribute of of(TERRAFORM, surface as keyof typeof TERRAFORM_PAGES)) {
                    const bullet = bullets.get(attribute.name);
                    assert.ok(bullet !== undefined, `${page} has no bullet for ${attribute.name}`);
                    sameRangeAndDefault(attribute, { range: rangeOf(bullet), default: defaultOf(bullet) }, page);
                    if (attribute.secret) assert.match(bullet, /Sensitive/, `${page}: ${attribute.name} is sensitive`);
                }
            });
        }

        it("Terraform provider: each attribute and block is in the README's settings table, with its range", () => {
            const rows = settingsRows();
            for (const attribute of topLevel(of(TERRAFORM, "Terraform provider"))) {
                const row = rows.find((cells) => cellNames(cells[3] ?? "")[0] === attribute.name);
                assert.ok(row, `README.md's settings table has no Terraform ${attribute.name}`);
                sameRangeAndDefault(attribute, { range: cellRangeOf(row[5] ?? "") }, "README.md's settings table");
            }
        });

        it("Pulumi config: each key has its bullet on docs/installation-configuration.md, its row in the README's settings table and its place in the README's list of keys", () => {
            const page = read("docs/installation-configuration.md");
            const rows = settingsRows();
            const listed = backticked(README.split("The keys are those of the settings table")[1]?.split("\n\n")[0] ?? "").filter((name) =>
                /^[a-z][A-Za-z]*$/.test(name),
            );
            for (const attribute of of(PULUMI, "Pulumi config")) {
                const [key, field] = attribute.name.split(".") as [string, string | undefined];
                const bullet = new RegExp(`^- \`alicloud-message-contacts:${key}\`[^:]*: (.*)$`, "m").exec(page)?.[1];
                assert.ok(bullet, `docs/installation-configuration.md has no bullet for alicloud-message-contacts:${key}`);
                const row = rows.find((cells) => cellNames(cells[2] ?? "")[0] === `alicloud-message-contacts:${key}`);
                assert.ok(row, `README.md's settings table has no alicloud-message-contacts:${key}`);
                assert.ok(listed.includes(key), `README.md's list of the plugin's keys lacks ${key}`);
                if (field === undefined) {
                    sameRangeAndDefault(attribute, { range: rangeOf(bullet), default: defaultOf(bullet) }, "docs/installation-configuration.md");
                    sameRangeAndDefault(attribute, { range: cellRangeOf(row[5] ?? "") }, "README.md's settings table");
                    if (attribute.secret) assert.match(row[2] ?? "", /\(secret\)/, `README.md: alicloud-message-contacts:${key} is secret`);
                } else {
                    // A field of an object key: named in what the key accepts, with its range.
                    const range = rangeOf(attribute.description);
                    const shown = `${field}?${range ? ` (${range.min}..${range.max})` : ""}`;
                    for (const [where, text] of [
                        ["docs/installation-configuration.md", bullet],
                        ["README.md's settings table", row[5] ?? ""],
                    ] as const) {
                        assert.ok(text.includes(shown) || text.includes(`${field},`) || text.includes(`${field}}`), `${where}: ${attribute.name} (${shown})`);
                    }
                }
            }
            assert.deepEqual(
                listed.filter((name) => !topLevel(of(PULUMI, "Pulumi config")).some((a) => a.name === name)),
                [],
                "README.md's list of keys names only the plugin's",
            );
        });

        it("Pulumi function: each input is a row of the README's arguments table with its range and default; each output a row of its result fields", () => {
            const argumentRows = tableRows(README, "<!-- options:arguments -->");
            const resultRows = tableRows(README, "<!-- outputs:result -->");
            for (const attribute of topLevel(of(PULUMI, "Pulumi function"))) {
                const rows = attribute.output ? resultRows : argumentRows;
                const row = rows.find((cells) => cellNames(cells[0] ?? "")[0] === attribute.name);
                assert.ok(row, `README.md's ${attribute.output ? "result fields" : "arguments"} table has no ${attribute.name}`);
                if (!attribute.output) sameRangeAndDefault(attribute, { range: cellRangeOf(row[2] ?? ""), default: row[3] }, "README.md's arguments table");
                if (attribute.secret) assert.match(row[0] ?? "", /\(secret\)/, `README.md: ${attribute.name} is secret`);
            }
        });

        it("Pulumi resource: its inputs are the get functions' arguments but credentials and those the README excepts, plus those it names; each output a row of its outputs table", () => {
            const resource = section(README, "## The resource", "## ");
            const takes = /same arguments as the get functions except credentials(?: and ([^,]*))?, plus ([^.]*)\./.exec(resource.replace(/\s+/g, " "));
            assert.ok(takes, "README.md's resource section says what it takes");
            const [except, plus] = [backticked(takes[1] ?? ""), backticked(takes[2] ?? "")];
            const functionInputs = topLevel(of(PULUMI, "Pulumi function")).filter((a) => !a.output);
            for (const name of except)
                assert.ok(
                    functionInputs.some((a) => a.name === name),
                    `the resource section excepts ${name}, which the function lacks`,
                );
            const expected = [...functionInputs.filter((a) => !a.secret && !except.includes(a.name)).map((a) => a.name), ...plus].sort();
            const inputs = topLevel(of(PULUMI, "Pulumi resource"))
                .filter((a) => !a.output)
                .map((a) => a.name)
                .sort();
            assert.deepEqual(inputs, expected);
            const outputRows = tableRows(resource, "| output |");
            for (const attribute of topLevel(of(PULUMI, "Pulumi resource")).filter((a) => a.output)) {
                assert.ok(
                    outputRows.some((cells) => cellNames(cells[0] ?? "")[0] === attribute.name),
                    `README.md's resource outputs table has no ${attribute.name}`,
                );
            }
        });
    });

    describe("every name the docs give is served by the surface it is named for", () => {
        for (const [surface, page] of Object.entries(TERRAFORM_PAGES)) {
            it(`${page}: each bullet is an attribute or block of the ${surface}, and each name in its text one of the provider's or data source's`, () => {
                const names = new Set(of(TERRAFORM, surface as keyof typeof TERRAFORM_PAGES).map((a) => a.name));
                for (const name of registryBullets(read(page)).keys()) assert.ok(names.has(name), `${page} documents ${name}, which the ${surface} lacks`);
                const unknown = backticked(read(page)).filter((token) => TERRAFORM_NAME.test(token) && !terraformNames().has(token));
                assert.deepEqual(unknown, [], `${page} names what the Terraform provider lacks`);
            });
        }

        it("README.md's Terraform section: each name in its text and in its provider and data blocks is an attribute or block", () => {
            const part = withoutTypeColumns(section(README, "## Terraform and OpenTofu", "### Install it from the release"));
            const unknown = backticked(part).filter((token) => TERRAFORM_NAME.test(token) && !terraformNames().has(token));
            assert.deepEqual(unknown, [], "README.md's Terraform section names what the provider lacks");
            const hcl = [...part.matchAll(/```hcl\n([\s\S]*?)```/g)].map((m) => m[1] as string).join("\n");
            const written = [
                ...[...hcl.matchAll(/^\s*#?\s*([a-z][a-z0-9_]*)\s*(?:=|\{)/gm)].map((m) => m[1] as string),
                ...[...hcl.matchAll(/#[^\n]*?\b(?:also|and)\s+([a-z_][a-z0-9_, ]*)/g)].flatMap((m) => (m[1] as string).split(/[\s,]+/).filter(Boolean)),
                ...[...hcl.matchAll(new RegExp(`data\\.${DATA_SOURCE_TYPE}\\.\\w+\\.(\\w+)`, "g"))].map((m) => m[1] as string),
            ].filter((name) => !["provider", "data", "output", "value", "terraform", "required_providers", "source", "timeouts"].includes(name));
            assert.ok(written.includes("access_key") && written.includes("contact_id") && written.includes("session_name"), written.join(" "));
            assert.deepEqual(
                written.filter((name) => !terraformNames().has(name)),
                [],
                "README.md's HCL writes what the provider lacks",
            );
        });

        it("every alicloud-message-contacts:<key> the docs name is the plugin's (or, in the programs' column, the dynamic provider's); every alicloud:<key> one the programs read", () => {
            const pluginKeys = new Set(topLevel(of(PULUMI, "Pulumi config")).map((a) => `alicloud-message-contacts:${a.name}`));
            const dynamicKeys = dynamicConfigKeys();
            for (const file of ["README.md", ...EXAMPLE_READMES, ...DOC_PAGES]) {
                const text = read(file);
                for (const match of text.matchAll(/(?<![/\w-])(alicloud(?:-message-contacts)?):([A-Za-z]+)\b(?!:)/g)) {
                    const key = `${match[1]}:${match[2]}`;
                    assert.ok(pluginKeys.has(key) || dynamicKeys.has(key), `${file} names ${key}, which nothing reads`);
                }
            }
            assert.ok(dynamicKeys.has("alicloud:accessKey") && pluginKeys.has("alicloud-message-contacts:accessKey"));
        });

        it("the plugin's function and resource attributes the README names are theirs", () => {
            const plugin = section(README, "## YAML, Python and Go programs", "**From the release");
            const flat = plugin.replace(/\s+/g, " ");
            const fn = /- the function `[^`]+`: ([^;]*); it runs/.exec(flat)?.[1] ?? "";
            const [args = "", result = ""] = fn.split(/ and (?=\[?result)/);
            const resource = /- the resource `[^`]+`: [^,]* and (\[?outputs[^,]*)/.exec(flat)?.[1] ?? "";
            const names = (surface: SurfaceAttribute["surface"], output: boolean) =>
                new Set(
                    topLevel(of(PULUMI, surface))
                        .filter((a) => a.output === output || (output && !a.output && surface === "Pulumi resource"))
                        .map((a) => a.name),
                );
            assert.ok(backticked(args).length > 0, plugin.slice(0, 400));
            for (const name of backticked(args)) assert.ok(names("Pulumi function", false).has(name), `the function has no input ${name}`);
            // The result and the outputs: named here, or a link to the section whose generated table the tests above hold to the schema.
            for (const [part, surface, table] of [
                [result, "Pulumi function", "<!-- outputs:result -->"],
                [resource, "Pulumi resource", "<!-- outputs:resource -->"],
            ] as const) {
                const anchor = /^\[[^\]]+\]\(#([a-z0-9-]+)\)/.exec(part)?.[1];
                assert.ok(anchor !== undefined || backticked(part).length > 0, `${surface}: neither names nor links its outputs: ${part}`);
                for (const name of backticked(part)) assert.ok(names(surface, true).has(name), `the ${surface} has no output ${name}`);
                if (anchor === undefined) continue;
                const heading = README.split("\n").find((line) => /^#+ /.test(line) && slug(line.replace(/^#+ /, "")) === anchor);
                assert.ok(heading, `README.md has no heading #${anchor}`);
                assert.ok(section(README, heading, heading.replace(/ .*/, " ")).includes(table), `${heading} holds ${table}`);
            }
        });

        it("docs/_index.md's and docs/installation-configuration.md's names of arguments are the function's or the resource's", () => {
            const inputs = new Set([...of(PULUMI, "Pulumi function"), ...of(PULUMI, "Pulumi resource")].filter((a) => !a.output).map((a) => a.name));
            for (const page of ["docs/_index.md", "docs/installation-configuration.md"]) {
                const camel = backticked(read(page)).filter((token) => /^[a-z]+[A-Z][A-Za-z]*$/.test(token));
                assert.deepEqual(
                    camel.filter((token) => !inputs.has(token)),
                    [],
                    `${page} names arguments the plugin lacks`,
                );
            }
        });

        it("every flag the README gives the command-line tool is one it takes, and each it takes is in the README", () => {
            const cli = section(README, "## Command-line tool", "## Settings");
            const commandLines = [...cli.matchAll(/^.*alicloud-contact-verifications.*$/gm)].map((m) => m[0]).filter((line) => !line.startsWith("`"));
            const flags = new Set(
                [
                    ...backticked(cli)
                        .join(" ")
                        .matchAll(/(?<![\w-])--[a-z][a-z-]*/g),
                    ...commandLines.join(" ").matchAll(/(?<![\w-])--[a-z][a-z-]*/g),
                ].map((m) => m[0]),
            );
            assert.ok(flags.size >= 5, [...flags].join(" "));
            for (const flag of flags) {
                const takes = [[flag], [flag, "1"], [flag, "json"]].some((args) => {
                    try {
                        parseCommandLine(args);
                        return true;
                    } catch (error) {
                        return !/Unknown option/.test((error as Error).message);
                    }
                });
                assert.ok(takes, `alicloud-contact-verifications does not take ${flag}`);
            }
            for (const match of HELP.matchAll(/^ {2}(--[a-z][a-z-]*)/gm))
                assert.ok(flags.has(match[1] as string), `README.md's command-line section lacks ${match[1]}`);
        });

        it("every flag the READMEs give the emulator's command is in its usage", () => {
            for (const file of ["README.md", ...EXAMPLE_READMES]) {
                for (const line of read(file).match(/^.*emulator\/main\.js.*$/gm) ?? []) {
                    for (const match of line.replace(/#.*$/, "").matchAll(/(?<![\w-])--[a-z][a-z-]*/g)) {
                        assert.ok(EMULATOR_USAGE.includes(`${match[0]} `), `${file}: the emulator has no ${match[0]}`);
                    }
                }
            }
        });

        it("the flags the README gives the providers' executables are theirs, and each of theirs is in the README", () => {
            const theirs = [VERSION_FLAG, ...HELP_FLAGS, WRITE_MIRROR_FLAG];
            const paragraph = README.split("Like every executable the package ships")[1]?.split("\n\n")[0] ?? "";
            const named = [...paragraph.matchAll(/`(--?[a-z][a-z-]*)`/g)].map((m) => m[1] as string);
            assert.ok(named.length >= 3, paragraph);
            assert.deepEqual(
                named.filter((flag) => !theirs.includes(flag)),
                [],
            );
            for (const flag of [VERSION_FLAG, HELP_FLAGS[0], WRITE_MIRROR_FLAG]) assert.ok(named.includes(flag), `README.md does not tell ${flag}`);
        });

        it("every environment variable the docs name is read: by the option table, the credential chain or the providers, or by @alicloud/credentials for its own chain", () => {
            const ours = new Set([
                ...OPTION_NAMES.flatMap((name) => OPTION_DEFINITIONS[name].env ?? []),
                ...Object.values(CREDENTIAL_ENV),
                NETWORK_OVERRIDE_KEY,
            ]);
            const library = libraryText();
            for (const file of ["README.md", ...EXAMPLE_READMES, ...DOC_PAGES]) {
                for (const match of prose(read(file)).matchAll(/\b(?:ALICLOUD|ALIBABA_CLOUD|ALICLOUDMESSAGECONTACTS)_[A-Z0-9_]*[A-Z0-9]\b/g)) {
                    const name = match[0];
                    assert.ok(
                        ours.has(name) || (name.startsWith("ALIBABA_CLOUD_") && library.includes(`"${name}"`)) || library.includes(`.${name}`),
                        `${file} names ${name}, which nothing reads`,
                    );
                }
            }
            // And the reverse: every variable of the option table and the credential chain is told, in the README and on the registry pages.
            for (const name of ours) {
                if (name === NETWORK_OVERRIDE_KEY) continue;
                assert.ok(README.includes(name), `README.md does not tell ${name}`);
            }
            for (const name of OPTION_NAMES.flatMap((option) => OPTION_DEFINITIONS[option].env ?? [])) {
                for (const page of ["docs/index.md", "docs/installation-configuration.md"])
                    assert.ok(read(page).includes(name), `${page} does not tell ${name}`);
            }
        });
    });
});

/** GitHub's anchor of a heading: lower case, punctuation but hyphens dropped, spaces as hyphens. */
function slug(heading: string): string {
    return heading
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, "")
        .replace(/ /g, "-");
}

/** Markdown text whose tables with a `type` column have that column emptied: a type (`string`) names no attribute. */
function withoutTypeColumns(text: string): string {
    let typeColumn: number | undefined; // the column of the table being read, from its header; -1 if none
    return text
        .split("\n")
        .map((line) => {
            if (!line.startsWith("|")) {
                typeColumn = undefined;
                return line;
            }
            const cells = line.replace(/\\\|/g, "\u0000").split("|");
            typeColumn ??= cells.findIndex((cell) => cell.trim() === "type");
            if (typeColumn > 0) cells[typeColumn] = " ";
            return cells.join("|").replace(/\u0000/g, "\\|");
        })
        .join("\n");
}

/** The JavaScript of `@alicloud/credentials` (its dist), where its chain reads its variables. */
function libraryText(): string {
    const root = join(REPO_ROOT, "node_modules", "@alicloud", "credentials", "dist");
    const texts: string[] = [];
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            if (entry.isDirectory()) walk(join(dir, entry.name));
            else if (entry.name.endsWith(".js")) texts.push(readFileSync(join(dir, entry.name), "utf8"));
        }
    };
    walk(root);
    return texts.join("\n");
}
