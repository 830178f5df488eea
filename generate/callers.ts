/**
 * Every caller of the client that a user meets, with the vocabulary its messages speak: what the generated
 * descriptions of the credential chain and of the settings are written for, each in its caller's words.
 */
import type { Vocabulary } from "../provider/alibaba-client";
import { CLI_VOCABULARY } from "../cli/flags";
import { PROGRAM_VOCABULARY, STACK_CONFIG_VOCABULARY } from "../provider/dynamic/stack-config";
import { FUNCTION_VOCABULARY, PLUGIN_VOCABULARY } from "../provider/plugin/plugin-config";
import { TERRAFORM_VOCABULARY } from "../provider/terraform/terraform-names";

/** A caller, named as the docs name it, and its vocabulary. */
export interface Caller {
    name: string;
    vocabulary: Vocabulary;
}

/** The get functions of a TypeScript program. */
export const GET_FUNCTIONS: Caller = { name: "the get functions (TypeScript programs)", vocabulary: PROGRAM_VOCABULARY };
/** The plugin's function. */
export const PLUGIN_FUNCTION: Caller = { name: "the provider plugin's function (YAML, Python, Go)", vocabulary: FUNCTION_VOCABULARY };
/** The Terraform provider. */
export const TERRAFORM: Caller = { name: "Terraform and OpenTofu", vocabulary: TERRAFORM_VOCABULARY };

/** Every caller, in the README's order. */
export const CALLERS: readonly Caller[] = [
    GET_FUNCTIONS,
    { name: "the dynamic resource (TypeScript programs)", vocabulary: STACK_CONFIG_VOCABULARY },
    PLUGIN_FUNCTION,
    { name: "the provider plugin's resource", vocabulary: PLUGIN_VOCABULARY },
    TERRAFORM,
    { name: "the command-line tool", vocabulary: CLI_VOCABULARY },
];
