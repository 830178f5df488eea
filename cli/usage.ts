import { credentialChainText, defaultDocumentation, PULUMI_WORDS } from "../provider/alibaba-client";
import { CLI_VOCABULARY, flagHelp } from "./flags";

/** The command's name, as installed by npm (`bin`). */
export const COMMAND = "alicloud-contact-verifications";

/** Exit codes: documented in the README and `--help`. */
export const EXIT = { ok: 0, apiError: 1, usageError: 2 } as const;

/** `text` in lines of at most `width` characters. */
function wrapped(text: string, width = 104): string {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(" ")) {
        if (line !== "" && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else line = line === "" ? word : `${line} ${word}`;
    }
    return [...lines, line].join("\n");
}

/** `--help` text; the listing flags' lines, the credential chain and the region's sources come from the option table. */
export const HELP = `Usage: ${COMMAND} [options]

Lists Alibaba Cloud Resource Directory message contacts' phone numbers and email addresses that are
waiting to be verified (ListMessageContactVerifications), from every page.

Options:
${flagHelp().join("\n")}
  --output FORMAT       table, json or ndjson (default: table on a terminal, json otherwise)
  --emulator            start the bundled emulator with demo data and list from it (no account needed)
  --help                show this help
  --version             show the version

${wrapped(`Credentials, first found: ${credentialChainText(CLI_VOCABULARY)}.`)}
${wrapped(`The region picks the site: ${defaultDocumentation("region", PULUMI_WORDS) ?? ""}.`)}

Exit codes: 0 success, 1 the listing failed (API, network or credentials error), 2 usage error.`;
