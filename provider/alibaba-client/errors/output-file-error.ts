import { hasErrorBrand, MessageContactsError } from "./base-error";
import type { PackageErrorCode } from "./package-codes";
import { quotedText } from "./service-text";

const IS_OUTPUT_FILE_ERROR = Symbol.for("pulumi-alicloud-message-contacts.error.OutputFileError");

/** Most characters of a path a message shows. */
const SHOWN_PATH_LIMIT = 200;

/**
 * The result could not be written to the file its call asked for (`outputFile`): nothing was written there, and a
 * file that was there is as it was. `field` names the argument as the caller's users set it (`output_file`),
 * `path` is the path as given, `reason` the system's code (`EACCES`, `ENOENT`, `EISDIR`, ...).
 */
export class OutputFileError extends MessageContactsError {
    declare readonly code: PackageErrorCode;
    readonly field: string;
    readonly path: string;
    readonly reason: string;

    /** @param where the argument as the caller names it (`argument output_file`). */
    constructor(field: string, where: string, path: string, reason: string, description: string, cause?: unknown) {
        super(
            "OutputFileNotWritten",
            `${where}: could not write the result to ${quotedText(path, SHOWN_PATH_LIMIT)}: ${description} (${reason}). ` +
                "Nothing was written there; a file already there is unchanged.",
            { retryable: false, cause },
        );
        this.field = field;
        this.path = path;
        this.reason = reason;
    }

    /** The brand of this class. */
    get [IS_OUTPUT_FILE_ERROR](): true {
        return true;
    }

    static override [Symbol.hasInstance](value: unknown): boolean {
        return hasErrorBrand(value, IS_OUTPUT_FILE_ERROR);
    }
}
