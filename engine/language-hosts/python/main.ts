/**
 * `pulumi-language-python` for the engine `npm run engine` builds (no Go module serves Pulumi's own): `Run` starts
 * `python -u pulumi_language_python_exec.py --monitor ... <program>` with the flags and config Pulumi's host passes,
 * in the program's virtual environment (Pulumi.yaml's `runtime.options.virtualenv`, relative to its folder) or else
 * the engine's (the `pulumi` package from PyPI, `python-requirements.txt`). The exec script is this engine's stand-in
 * for the one Pulumi's CLI release ships beside its host. Not done: Poetry and uv toolchains, type checkers,
 * debugging, Python plugins and policy packs (`RunPlugin`), and the methods of `pulumi new`, `install`, `convert`
 * and `package` (UNIMPLEMENTED).
 */
import { pythonRunProcess, runOutcome, startFailure } from "../program-run";
import { runProcess } from "../child-processes";
import { LanguageHost, serveLanguageHost } from "../language-host-server";
import { HostSettings, readHostSettings } from "../host-settings";

/** The Python host. */
export function pythonHost(settings: HostSettings): LanguageHost {
    return {
        name: "pulumi-language-python",
        version: settings.version,
        async run(spec) {
            const child = pythonRunProcess(spec, settings.pythonExec, settings.defaultPython);
            const end = await runProcess(child, "inherit");
            if (end.error) {
                const code = (end.error as NodeJS.ErrnoException).code;
                if (code === "ENOENT") {
                    return {
                        error: `could not find ${child.command}: create the virtual environment Pulumi.yaml names (python3 -m venv, then pip install pulumi), or run npm run engine`,
                        bail: false,
                    };
                }
                return startFailure(child.command, end.error);
            }
            return runOutcome(end.code, end.signal);
        },
    };
}

if (require.main === module) {
    serveLanguageHost(pythonHost(readHostSettings(process.argv.slice(2))));
}
