/**
 * The descriptions of the credential chain, written from the chain's steps (`credential-chain.ts`) in each
 * caller's words: the README's section, the provider docs' paragraphs, and the TSDoc section of the get
 * functions, which must be literal text in the source (rewritten between its markers by `npm run generate`).
 */
import {
    acceptedText,
    ChainStep,
    credentialChainSteps,
    DEFAULT_CHAIN_NAME,
    DEFAULT_CHAIN_PLACES,
    LIST_MESSAGE_CONTACT_VERIFICATIONS,
    OPTION_DEFINITIONS,
    Place,
    Vocabulary,
} from "../provider/alibaba-client";
import { CALLERS, GET_FUNCTIONS } from "./callers";

/** A place as Markdown: its prefix in words, its key as code (`` env `ALICLOUD_REGION` ``). */
function placeMarkdown(place: Place): string {
    return `${place.prefix}\`${place.key}\``;
}

/** A step as Markdown, as `stepText` writes it for messages: `` env `A`/`B` (+ `C`) ``. */
function stepMarkdown(step: ChainStep): string {
    if (step.kind === "profile") return placeMarkdown(step.place);
    const samePrefix = step.secret.prefix === step.id.prefix;
    const pair = samePrefix ? `${placeMarkdown(step.id)}/\`${step.secret.key}\`` : `${placeMarkdown(step.id)} and ${placeMarkdown(step.secret)}`;
    const token = step.token === undefined ? "" : ` (+ ${step.token.prefix === step.id.prefix ? `\`${step.token.key}\`` : placeMarkdown(step.token)})`;
    return `${pair}${token}`;
}

/** The credential chain's steps for a caller, as Markdown: `` env `X`/`Y` (+ `Z`), then env `P` ``. */
function stepsMarkdown(vocabulary: Vocabulary): string {
    return credentialChainSteps(vocabulary).map(stepMarkdown).join(", then ");
}

/** What the `assumeRole` setting does, naming it as each caller that has it does. */
function assumeRoleMarkdown(): string {
    const places = CALLERS.flatMap(({ vocabulary }) => {
        const place = vocabulary.setting?.("assumeRole");
        return place ? [placeMarkdown(place)] : [];
    });
    const unique = [...new Set(places)];
    return (
        `With the role setting (${unique.join(", ")}; ${acceptedText(OPTION_DEFINITIONS.assumeRole.rule)}), the credentials found ` +
        "call STS `AssumeRole` and the role's temporary credentials are used instead."
    );
}

/** The permission the credentials need, from the operation's definition (which says where its spelling comes from). */
const PERMISSION = `The credentials need a RAM policy that allows \`${LIST_MESSAGE_CONTACT_VERIFICATIONS.ramAction}\`.`;

/** The README's credentials section: each caller's chain, then the default chain every caller ends with. */
export function credentialsSection(): string {
    const rows = CALLERS.map(({ name, vocabulary }) => `| ${name} | ${stepsMarkdown(vocabulary)} |`);
    return [
        "| caller | first found, in order |",
        "|---|---|",
        ...rows,
        "",
        `Then, for every caller, ${DEFAULT_CHAIN_NAME}, resolved by the official [\`@alicloud/credentials\`](https://www.npmjs.com/package/@alicloud/credentials): ${DEFAULT_CHAIN_PLACES.join("; ")}.`,
        "",
        assumeRoleMarkdown(),
        "",
        PERMISSION,
    ].join("\n");
}

/** The chain for one caller, as a paragraph of a provider's docs. */
export function credentialsParagraph(vocabulary: Vocabulary): string {
    return `Credentials, first found: ${stepsMarkdown(vocabulary)}, then ${DEFAULT_CHAIN_NAME}: ${DEFAULT_CHAIN_PLACES.join("; ")}. ${PERMISSION}`;
}

/** A TSDoc paragraph, wrapped at `width` columns after ` * `, never inside a code span. */
function tsdocLines(text: string, width = 112): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.match(/(?:`[^`]*`|\S)+/g) ?? []) {
        if (line !== "" && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else line = line === "" ? word : `${line} ${word}`;
    }
    return [...lines, line].map((l) => ` * ${l}`);
}

/** The get functions' source file, whose TSDoc holds the generated credentials section. */
export const GET_FUNCTIONS_FILE = "sdk/get-message-contact-verifications.ts";

const OPEN = " * <!-- credentials: written by npm run generate from the option table -->";
const CLOSE = " * <!-- /credentials -->";

/** The get functions' source with its TSDoc's credentials section rewritten from the chain. Pure. */
export function getFunctionsSource(source: string): string {
    const start = source.indexOf(OPEN);
    const end = source.indexOf(CLOSE);
    if (start < 0 || end < start) throw new Error(`${GET_FUNCTIONS_FILE} has no ${OPEN.trim()} ... ${CLOSE.trim()} section`);
    const text = `Credentials, first found: ${stepsMarkdown(GET_FUNCTIONS.vocabulary)}, then ${DEFAULT_CHAIN_NAME}.`;
    return `${source.slice(0, start + OPEN.length)}\n${tsdocLines(text).join("\n")}\n${source.slice(end)}`;
}
