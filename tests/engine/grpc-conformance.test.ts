/**
 * The provider's gRPC server judged by grpc-go: every case of the conformance suite
 * (tests/support/grpc-conformance/cases.ts) runs against the grpc-go reference server (engine/grpc-reference, the
 * same methods and message limit) and against the provider's server. grpc-go's answer must be the literal the case
 * holds (which `npm test` expects of the provider's server), and the provider's server's answer must be the same,
 * or, where the case says it differs on purpose, what the case says. Where grpc-go races itself (the case's
 * `grpcGoRace`), either of its answers is grpc-go's.
 */
import { strict as assert } from "node:assert";
import { isDeepStrictEqual } from "node:util";
import { CONFORMANCE_CASES, ConformanceCase, Outcome } from "../support/grpc-conformance/cases";
import { CONFORMANCE_MAX_MESSAGE_BYTES, ConformanceServer, startConformanceServer } from "../support/grpc-conformance/conformance-server";
import { GrpcReferenceServer, startGrpcReference } from "../support/engine/grpc-reference";

/** The fields of `outcome` that `expected` names. */
function compared(outcome: Outcome, expected: Outcome): Outcome {
    return Object.fromEntries(Object.keys(expected).map((key) => [key, outcome[key as keyof Outcome]])) as Outcome;
}

describe("gRPC conformance: the provider's server against grpc-go", function () {
    this.timeout(120_000);
    let reference: GrpcReferenceServer;
    let ours: ConformanceServer;

    before(async function () {
        this.timeout(900_000);
        reference = await startGrpcReference(CONFORMANCE_MAX_MESSAGE_BYTES);
        ours = await startConformanceServer();
    });

    after(async () => {
        await reference?.stop();
        await ours?.close();
    });

    for (const testCase of CONFORMANCE_CASES as ConformanceCase[]) {
        it(testCase.name, async () => {
            const grpcGo = await testCase.run({ address: reference.address });
            const race = testCase.grpcGoRace?.outcome;
            const grpcGoExpected = race !== undefined && isDeepStrictEqual(compared(grpcGo, race), race) ? race : testCase.grpcGo;
            assert.deepEqual(compared(grpcGo, grpcGoExpected), grpcGoExpected, `grpc-go answered ${JSON.stringify(grpcGo)}`);
            const expected = testCase.ours?.outcome ?? testCase.grpcGo;
            const answered = await testCase.run({ address: ours.address });
            assert.deepEqual(
                compared(answered, expected),
                expected,
                `the provider's server answered ${JSON.stringify(answered)}; grpc-go ${JSON.stringify(grpcGo)}`,
            );
        });
    }
});
