/**
 * What the docs say of Node.js is true for each install route: wherever a README says a route needs "Node.js X or
 * later", X is package.json's `engines` floor (the npm package's executables run on the user's Node.js); and the
 * Terraform example says, in a section of its own, that the release's route needs no Node.js (its executable has
 * Node.js inside; tests/engine/provider-registry.test.ts installs and runs it with no `node` on PATH), keeping the
 * Node.js requirement to the npm route's section. It used to say that the provider needs Node.js 20.18.1, whichever
 * route.
 */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../support/consumer-project";

const READMES = [
    "README.md",
    ...readdirSync(join(REPO_ROOT, "examples"))
        .map((name) => `examples/${name}/README.md`)
        .filter((file) => existsSync(join(REPO_ROOT, file))),
];

/** package.json's engines.node floor: `>=20.18.1` -> `20.18.1`. */
function enginesFloor(): string {
    const engines = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
    const floor = /^>=\s*(\d+\.\d+\.\d+)$/.exec(engines)?.[1];
    assert.ok(floor, `engines.node ${engines} is not >=X.Y.Z`);
    return floor;
}

/** The sections of a Markdown text under `## ` headings, by heading. */
function sections(text: string): Map<string, string> {
    const parts = text.split(/^## /m).slice(1);
    return new Map(parts.map((part) => [part.split("\n")[0] ?? "", part]));
}

describe("what the docs say of Node.js, route by route", () => {
    it('every "Node.js X or later" names package.json\'s engines floor', () => {
        const floor = enginesFloor();
        let found = 0;
        for (const file of READMES) {
            for (const match of readFileSync(join(REPO_ROOT, file), "utf8").matchAll(/Node\.js (\d[\w.]*) or later/g)) {
                found++;
                assert.equal(match[1], floor, `${file}: "${match[0]}"`);
            }
        }
        assert.ok(found >= 3, "the npm routes say which Node.js they need");
    });

    it("examples/terraform/README.md: the release's route needs no Node.js, the npm package's route the engines floor, each in its section", () => {
        const text = readFileSync(join(REPO_ROOT, "examples/terraform/README.md"), "utf8");
        const intro = text.split(/^## /m)[0] ?? "";
        assert.doesNotMatch(intro, /needs Node\.js|Node\.js \d/, "the introduction speaks for both routes");
        const bySection = sections(text);
        const release = [...bySection].find(([heading]) => /^From the release/.test(heading));
        const npm = [...bySection].find(([heading]) => /^From the npm package/.test(heading));
        assert.ok(release && npm, [...bySection.keys()].join(" | "));
        assert.match(release[0], /no Node\.js/);
        assert.doesNotMatch(release[1], /Node\.js \d/);
        assert.match(npm[0], new RegExp(`Node\\.js ${enginesFloor().replace(/\./g, "\\.")} or later`));
    });

    it("README.md: the Terraform release route says its machines need no Node.js; the npm route's heading names the floor", () => {
        const text = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
        const release = text.split("### Install it from the release")[1]?.split(/^### /m)[0] ?? "";
        assert.match(release, /need no Node\.js/);
        assert.match(text, new RegExp(`^### Or from the npm package \\(Node\\.js ${enginesFloor().replace(/\./g, "\\.")} or later\\)$`, "m"));
    });
});
