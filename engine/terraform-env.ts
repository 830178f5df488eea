/**
 * The environment of every `tofu` and `terraform` run of the engine tests: a CLI configuration file the caller
 * chooses (or an empty one), never the user's (this machine exports `TF_CLI_CONFIG_FILE` pointing at a missing
 * file), no call to HashiCorp's version check (`CHECKPOINT_DISABLE`), and output for automation
 * (`TF_IN_AUTOMATION`: no "run terraform apply next" advice). Where the CLIs are: `terraform-clis.ts`.
 */
import { devNull } from "node:os";

/** The variables {@link terraformEnv} always sets; no caller's variable replaces them. */
export const FIXED_TERRAFORM_VARIABLES = ["TF_CLI_CONFIG_FILE", "CHECKPOINT_DISABLE", "TF_IN_AUTOMATION"] as const;

/** Inherited variables of the CLIs that are kept: they change what is logged, not what a run does. */
export const KEPT_LOG_VARIABLES = ["TF_LOG", "TF_LOG_PATH", "TF_LOG_CORE", "TF_LOG_PROVIDER"] as const;

/** What {@link terraformEnv} starts from and adds. */
export interface TerraformEnvOptions {
    /**
     * The CLI configuration file (`provider_installation` with `dev_overrides` or a `filesystem_mirror`,
     * `plugin_cache_dir` ...). Default: an empty configuration (the null device).
     */
    cliConfigFile?: string;
    /**
     * Variables to add: `TF_REATTACH_PROVIDERS`, `TF_DATA_DIR`, `TF_VAR_*`, a provider's credentials ... They may not
     * name one of {@link FIXED_TERRAFORM_VARIABLES} (pass {@link cliConfigFile} instead).
     */
    extra?: NodeJS.ProcessEnv;
    /** The environment to start from; default this process's. */
    base?: NodeJS.ProcessEnv;
}

/** Whether an inherited variable is one the CLIs read (and so would make a run depend on the user's shell). */
function isCliVariable(name: string): boolean {
    return /^(TF|TOFU)_/.test(name) && !(KEPT_LOG_VARIABLES as readonly string[]).includes(name);
}

/**
 * The environment for one `tofu` or `terraform` run: {@link TerraformEnvOptions.base} without its `TF_*` and
 * `TOFU_*` variables (but the log ones, {@link KEPT_LOG_VARIABLES}), then {@link TerraformEnvOptions.extra}, then
 * `TF_CLI_CONFIG_FILE`, `CHECKPOINT_DISABLE=1` and `TF_IN_AUTOMATION=1`. OpenTofu reads `TF_CLI_CONFIG_FILE` too.
 */
export function terraformEnv(options: TerraformEnvOptions = {}): NodeJS.ProcessEnv {
    const extra = options.extra ?? {};
    const fixed = FIXED_TERRAFORM_VARIABLES.filter((name) => name in extra);
    if (fixed.length > 0) {
        throw new TypeError(
            `terraformEnv: extra may not set ${fixed.join(", ")}; every run gets ${FIXED_TERRAFORM_VARIABLES.join(", ")} ` +
                "(choose the CLI configuration with the cliConfigFile option)",
        );
    }
    const base = Object.fromEntries(Object.entries(options.base ?? process.env).filter(([name]) => !isCliVariable(name)));
    return {
        ...base,
        ...extra,
        TF_CLI_CONFIG_FILE: options.cliConfigFile ?? devNull,
        CHECKPOINT_DISABLE: "1",
        TF_IN_AUTOMATION: "1",
    };
}
