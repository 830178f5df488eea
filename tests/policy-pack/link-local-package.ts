/**
 * Imported for its effect, before anything that loads the pack's modules: makes
 * `pulumi-alicloud-message-contacts` resolve from examples/policy-pack to this repository's dist/ (see
 * `linkLocalPackage` in pack.ts). Throws, failing the importing test file, when dist/ is not built.
 */
import { linkLocalPackage } from "./pack";

linkLocalPackage();
