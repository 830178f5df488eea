/**
 * What `npm run engine` tells a language host when it installs it: a JSON file named by the host's
 * `--settings=FILE` argument (the executable in the engine's bin folder passes it before the engine's arguments).
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const HOST_SETTINGS = z.object({
    /** What `GetPluginInfo` answers: the pinned Pulumi version the host was installed with. */
    version: z.string(),
    /** The Python that runs programs without a `virtualenv` option: the engine's virtual environment's. */
    defaultPython: z.string(),
    /** The Python exec script (`python/pulumi_language_python_exec.py` as installed). */
    pythonExec: z.string(),
});
/** The settings of an installed language host. */
export type HostSettings = z.infer<typeof HOST_SETTINGS>;

/** The `--settings=FILE` argument's file, read and checked, or an error naming it. */
export function readHostSettings(argv: readonly string[]): HostSettings {
    const file = argv.find((arg) => arg.startsWith("--settings="))?.slice("--settings=".length);
    if (!file) throw new Error("no --settings=FILE argument: start the language host through the executable npm run engine installed");
    const parsed = HOST_SETTINGS.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file} is not a language host's settings: ${parsed.error.message}`);
    return parsed.data;
}
