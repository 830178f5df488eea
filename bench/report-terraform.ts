/** The Terraform provider's tables: start-up to the handshake line, and `tofu plan` against its floor and the Go comparator. */
import type { Summary } from "./stats";
import type { TerraformHandshakeResult } from "./measure-terraform-handshake";
import { protocolWork, TerraformPlanResult } from "./measure-terraform-plan";

const ms = (x: number) => `${x.toFixed(0)}`;
const ratio = (x: number) => `${x.toFixed(2)}x`;
const spread = (s: Summary, f: (x: number) => string = ms) => `${f(s.min)}–${f(s.max)}`;
const iqr = (s: Summary, f: (x: number) => string = ms) => `${f(s.q1)}–${f(s.q3)}`;
const row = (label: string, s: Summary, f: (x: number) => string = (x) => `${ms(x)} ms`) => [label, f(s.median), spread(s, f), iqr(s, f)];

function table(header: string[], rows: string[][]): string {
    const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** What the 1.3x goal leaves beyond the floor against the protocol work the Go comparator does (differences of medians). */
function workLines(plan: TerraformPlanResult): string[] {
    const work = protocolWork(plan);
    if (!work) return [];
    return [
        "",
        `The goal leaves ${ms(work.goalRoomMs)} ms (0.3 x the floor) for everything a provider does beyond three bare Node.js starts. ` +
            `The Go comparator's plan spends ${ms(work.goWorkMs)} ms beyond tofu's own plan and its three starts (Go plan − no-provider plan − 3 × its start): ` +
            "the TLS handshakes, the RPCs and the listing, which any provider does.",
    ];
}

/** The Terraform section of RESULTS.md. */
export function terraformTables(handshake: TerraformHandshakeResult, plan: TerraformPlanResult): string {
    const lines = [
        `### Terraform provider: start-up to the handshake line (fresh processes, ${handshake.provider.n} rounds, order swapped each round)`,
        "",
        table(
            ["Measure", "Median", "Min–max", "IQR"],
            [
                row("`terraform-provider-alicloudmessagecontacts` (cookie, protocol 6, PLUGIN_CLIENT_CERT): spawn to the handshake line", handshake.provider),
                row("bare `node -e 0`: spawn to exit", handshake.bareNode),
                row("same-round ratio, provider ÷ bare", handshake.perRound, ratio),
            ],
        ),
        "",
        `Ratio of the medians: ${ratio(handshake.provider.median / handshake.bareNode.median)}. Handshake line: \`${handshake.line}\`.`,
        "",
    ];
    if (!plan.measured) return [...lines, `### Terraform provider: \`tofu plan\``, "", `Not measured: ${plan.reason}.`].join("\n");
    const go = "plan" in plan.go ? plan.go : undefined;
    return [
        ...lines,
        `### Terraform provider: \`tofu plan\` of one page (OpenTofu ${plan.tofuVersion}, dev_overrides, ${plan.node.n} rounds in rotated order)`,
        "",
        table(
            ["Measure", "Median", "Min–max", "IQR"],
            [
                row("`tofu plan`, the data source, Node.js provider", plan.node),
                ...(go ? [row("`tofu plan`, the same configuration, Go comparator (bench/terraform-go, terraform-plugin-framework)", go.plan)] : []),
                row("floor: `tofu plan` with no provider + three bare `node -e 0`", plan.floor),
                row("`tofu plan` with no provider", plan.noProvider),
                row("bare `node -e 0` (three per round)", plan.bareNode),
                row("same-round ratio, Node.js plan ÷ floor (the target's measure)", plan.nodeVsFloor, ratio),
                ...(go ? [row("same-round ratio, Node.js plan ÷ Go plan", go.nodeVsGo, ratio)] : []),
                ...(go ? [row("Go comparator: spawn to its handshake line (AutoMTLS)", go.start)] : []),
            ],
        ),
        ...workLines(plan),
        ...(go ? [] : ["", `Go comparator not measured: ${"skipped" in plan.go ? plan.go.skipped : ""}.`]),
        "",
    ].join("\n");
}
