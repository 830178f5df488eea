/**
 * `pulumi-language-nodejs` for the engine `npm run engine` builds (no Go module serves Pulumi's own): `Run` starts
 * `node <@pulumi/pulumi/cmd/run>` resolved from the program's folder, with the flags, config and environment Pulumi's
 * host passes; `RunPlugin` starts `cmd/run-policy-pack` for a policy pack (in the pack's folder) or `cmd/run-plugin`.
 * Not done: the monitor proxy and the `--sync` pipes of Pulumi's host (only the SDK's long-deprecated synchronous
 * invokes use them), the policy pack's stack-config proxy, debugging, and the methods of `pulumi new`, `install`,
 * `convert` and `package` (UNIMPLEMENTED).
 */
import { isPolicyPack, nodePluginProcess, nodeRunProcess, runOutcome, startFailure } from "../program-run";
import { runProcess } from "../child-processes";
import { LanguageHost, serveLanguageHost } from "../language-host-server";
import { readHostSettings } from "../host-settings";

/** `module` (`@pulumi/pulumi/cmd/run`) as Node resolves it from `dir`, or Pulumi's message when it is not installed. */
function locate(module: string, dir: string, install: string): string {
    try {
        return require.resolve(module, { paths: [dir] });
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") {
            throw new Error(`It looks like the Pulumi SDK has not been installed. Have you run ${install}?`, { cause: error });
        }
        throw error;
    }
}

/** The Node.js host. */
export function nodejsHost(version: string): LanguageHost {
    return {
        name: "pulumi-language-nodejs",
        version,
        async run(spec) {
            let script: string;
            try {
                script = locate("@pulumi/pulumi/cmd/run", spec.programDirectory, "pulumi install");
            } catch (error) {
                return { error: (error as Error).message, bail: false };
            }
            const child = nodeRunProcess(spec, script);
            const end = await runProcess(child, "inherit");
            if (end.error) {
                const code = (end.error as NodeJS.ErrnoException).code;
                return code === "ENOENT" ? { error: `could not find node on the $PATH: ${end.error.message}`, bail: false } : startFailure("node", end.error);
            }
            return runOutcome(end.code, end.signal);
        },
        async runPlugin(spec, output, onStart) {
            const module = isPolicyPack(spec) ? "@pulumi/pulumi/cmd/run-policy-pack" : "@pulumi/pulumi/cmd/run-plugin";
            const script = locate(module, spec.programDirectory, `npm install in ${spec.programDirectory}`);
            const end = await runProcess(nodePluginProcess(spec, script), output, onStart);
            if (end.error) throw new Error(`Problem executing plugin program (could not run language executor): ${end.error.message}`);
            if (end.code !== 0)
                throw new Error(
                    end.code === null ? `Program exited unexpectedly: killed by ${String(end.signal)}` : `Program exited with non-zero exit code: ${end.code}`,
                );
            return 0;
        },
    };
}

if (require.main === module) {
    serveLanguageHost(nodejsHost(readHostSettings(process.argv.slice(2)).version));
}
