/**
 * The program type-checked the way users run it: Pulumi's TypeScript type-checking on (the language host's
 * default for a `typescript: true` project: ts-node with the project's tsconfig.json and TypeScript), with a
 * tsconfig.json as `pulumi new typescript` writes it (strict, commonjs, node resolution, no skipLibCheck).
 * (Like ts-node, that checks the program's files, not the declarations of the packages it imports; `tsc` over
 * the whole project, which does, is the package test's concern.)
 */
import { strict as assert } from "node:assert";
import { Emulator, startEmulator } from "../../emulator";
import { verifications } from "../support/emulator-fixture";
import { emulatorStackConfig, engineProject, programSource, programWorkspace, pulumiVersionsUnderTest } from "../support/engine/engine-fixture";
import type { EngineWorkspace } from "../support/engine/engine-workspace";

for (const pulumiVersion of pulumiVersionsUnderTest()) {
    describe(`the real engine: the program type-checked as users run it (@pulumi/pulumi ${pulumiVersion})`, function () {
        let emulator: Emulator;
        const workspaces: EngineWorkspace[] = [];

        before(async function () {
            this.timeout(600_000);
            await engineProject(pulumiVersion);
            emulator = await startEmulator({ verifications: verifications(7) });
        });
        after(async () => {
            for (const workspace of workspaces) workspace.remove();
            await emulator?.close();
        });

        async function workspaceFor(source: string): Promise<EngineWorkspace> {
            const workspace = await programWorkspace(await engineProject(pulumiVersion), emulatorStackConfig(emulator), { "index.ts": source });
            workspaces.push(workspace);
            return workspace;
        }

        it("preview with type-checking on passes, and the values are known", async () => {
            const workspace = await workspaceFor(programSource());
            const preview = await workspace.operation("preview", { typeCheck: true });
            assert.ok(preview.ok, `${preview.stdout}\n${preview.stderr}`);
            assert.match(preview.stdout, /\+ 2 to create/);
            // The get functions ran at preview: their results are in the planned outputs.
            assert.match(preview.stdout, /fromOutput\s*: \{[^}]*totalCount\s*: 7/);
        });

        it("type-checking is on: a type error in the program fails preview with TypeScript's diagnostic", async () => {
            const broken = `${programSource()}\nexport const wrong: pulumi.Output<string> = getMessageContactVerificationsOutput({}).totalCount;\n`;
            const workspace = await workspaceFor(broken);
            const preview = await workspace.operation("preview", { typeCheck: true });
            assert.ok(!preview.ok);
            assert.match(
                `${preview.stdout}\n${preview.stderr}`,
                /index\.ts\(\d+,\d+\): error TS2322: Type '(Output|OutputInstance)<number>' is not assignable to type 'Output<string>'/,
            );
        });
    });
}
