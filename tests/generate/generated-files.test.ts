import { strict as assert } from "node:assert";
import { staleFiles } from "../../generate/main";
import { readmeWithTables } from "../../generate/readme-tables";

describe("files generated from the option table", () => {
    it("the option types and the README's option tables are current (run npm run generate after changing the table)", async () => {
        assert.deepEqual(await staleFiles(), []);
    });

    it("a README without a marked section is refused rather than left unchecked", () => {
        assert.throws(() => readmeWithTables("# no markers here\n"), /no <!-- options:arguments -->/);
    });
});
