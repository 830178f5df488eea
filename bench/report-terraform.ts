/** The Terraform provider's tables: start-up to the handshake line, and `tofu plan` (then `tofu show -json`) of each provider against the Go comparator. */
import type { Summary } from "./stats";
import type { TerraformHandshakeResult } from "./measure-terraform-handshake";
import type { ProviderPlan, TerraformPlanResult } from "./measure-terraform-plan";

const ms = (x: number) => `${x.toFixed(0)}`;
const ratio = (x: number) => `${x.toFixed(2)}x`;
const spread = (s: Summary, f: (x: number) => string = ms) => `${f(s.min)}–${f(s.max)}`;
const iqr = (s: Summary, f: (x: number) => string = ms) => `${f(s.q1)}–${f(s.q3)}`;
const row = (label: string, s: Summary, f: (x: number) => string = (x) => `${ms(x)} ms`) => [label, f(s.median), spread(s, f), iqr(s, f)];

function table(header: string[], rows: string[][]): string {
    const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
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
    const versus = (key: ProviderPlan["key"]) => (key === "go" ? undefined : plan.versusGo[key]);
    const skipped = Object.entries(plan.skipped).map(([key, why]) => `${key}: ${why}`);
    return [
        ...lines,
        `### Terraform provider: \`tofu plan\` of one page, then \`tofu show -json\` (OpenTofu ${plan.tofuVersion}, dev_overrides, ${plan.noProvider.n} rounds in rotated order)`,
        "",
        "A provider's work per plan is its plan, less tofu's plan of a configuration with no provider, less three times its own start " +
            "(spawn to its handshake line, AutoMTLS), all from the same round; the ratios to Go are same-round ratios.",
        "",
        table(
            ["Measure", "Median", "Min–max", "IQR"],
            [
                row("`tofu plan` with no provider", plan.noProvider),
                ...plan.providers.flatMap((p) => {
                    const v = versus(p.key);
                    return [
                        row(`${p.label}: \`tofu plan -out\``, p.plan),
                        row(`${p.label}: spawn to its handshake line`, p.start),
                        row(`${p.label}: **work per plan**`, p.work),
                        row(`${p.label}: \`tofu show -json\` of the plan (a fourth start)`, p.show),
                        row(`${p.label}: plan + show -json`, p.planAndShow),
                        ...(v
                            ? [
                                  row(`${p.label}: work per plan ÷ Go's, same round (the target reads the ratio of the work medians)`, v.work, ratio),
                                  row(`${p.label}: whole plan ÷ Go's`, v.plan, ratio),
                                  row(`${p.label}: plan + show -json ÷ Go's`, v.planAndShow, ratio),
                              ]
                            : []),
                    ];
                }),
            ],
        ),
        ...(skipped.length > 0 ? ["", `Not measured: ${skipped.join("; ")}.`] : []),
        "",
    ].join("\n");
}
