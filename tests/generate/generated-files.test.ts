import { strict as assert } from "node:assert";
import { staleFiles } from "../../generate/main";
import { readmeWithTables } from "../../generate/readme-tables";

describe("files generated from the option table, package.json and the upstream tfplugin6 proto", function () {
    // The tfplugin6 descriptor's upstream proto is fetched with go mod download when Go's module cache lacks it.
    this.timeout(300_000);

    it("the option types, the README's option tables, the docs and the tfplugin6 descriptor are current (run npm run generate after changing their sources)", async () => {
        assert.deepEqual(await staleFiles(), []);
    });

    it("a README without a marked section is refused rather than left unchecked", () => {
        assert.throws(() => readmeWithTables("# no markers here\n"), /no <!-- options:arguments -->/);
    });
});
