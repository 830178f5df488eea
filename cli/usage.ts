import { flagHelp } from "./flags";

/** The command's name, as installed by npm (`bin`). */
export const COMMAND = "alicloud-contact-verifications";

/** Exit codes: documented in the README and `--help`. */
export const EXIT = { ok: 0, apiError: 1, usageError: 2 } as const;

/** `--help` text; the listing flags' lines come from the option table. */
export const HELP = `Usage: ${COMMAND} [options]

Lists Alibaba Cloud Resource Directory message contacts' phone numbers and email addresses that are
waiting to be verified (ListMessageContactVerifications), from every page.

Options:
${flagHelp().join("\n")}
  --output FORMAT       table, json or ndjson (default: table on a terminal, json otherwise)
  --emulator            start the bundled emulator with demo data and list from it (no account needed)
  --help                show this help
  --version             show the version

Credentials, first found: env ALICLOUD_ACCESS_KEY + ALICLOUD_SECRET_KEY (Terraform's names), env
ALICLOUD_PROFILE, then Alibaba Cloud's default chain: env ALIBABA_CLOUD_ACCESS_KEY_ID +
ALIBABA_CLOUD_ACCESS_KEY_SECRET, OIDC, ~/.aliyun/config.json, ~/.alibabacloud/credentials, the ECS RAM
role, ALIBABA_CLOUD_CREDENTIALS_URI. The region (env ALICLOUD_REGION or ALIBABA_CLOUD_REGION) picks the site.

Exit codes: 0 success, 1 the listing failed (API, network or credentials error), 2 usage error.`;
