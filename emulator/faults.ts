import { Fault, FaultMatch, FaultRule } from "./types";

/** What a request is matched on. */
export interface FaultTarget {
    action: string;
    /** The request's page number; `NaN` when `PageNumber` is not a number. */
    pageNumber: number;
}

interface ActiveRule {
    fault: Fault;
    remaining: number;
    match: FaultMatch;
}

/** Whether a fault lets the request carry on (`delay`, `mutate`) rather than ending it. */
function isPassThrough(fault: Fault): boolean {
    return fault.kind === "delay" || fault.kind === "mutate";
}

function assertFault(fault: Fault): void {
    switch (fault.kind) {
        case "error":
            if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) {
                throw new RangeError("error fault: status must be an HTTP status");
            }
            if (fault.retryAfterMs !== undefined && !(fault.retryAfterMs >= 0)) {
                throw new RangeError("error fault: retryAfterMs must be >= 0");
            }
            return;
        case "body":
            if (fault.status !== undefined && (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)) {
                throw new RangeError("body fault: status must be an HTTP status");
            }
            return;
        case "delay":
            if (!(Number.isFinite(fault.ms) && fault.ms >= 0)) throw new RangeError("delay fault: ms must be >= 0");
            return;
        case "mutate":
            if (typeof fault.apply !== "function") throw new TypeError("mutate fault: apply must be a function");
            return;
        case "reset":
        case "truncate":
        case "hang":
            return;
        default:
            throw new TypeError(`unknown fault kind ${JSON.stringify((fault as { kind: unknown }).kind)}`);
    }
}

/** The injected fault rules, consumed as matching requests arrive. */
export class FaultSchedule {
    private rules: ActiveRule[] = [];

    /** Adds a rule after validating it. */
    add(rule: FaultRule): void {
        assertFault(rule.fault);
        const times = rule.times ?? 1;
        if (!(times === Infinity || (Number.isSafeInteger(times) && times >= 1))) {
            throw new RangeError("times must be an integer >= 1 or Infinity");
        }
        this.rules.push({ fault: rule.fault, remaining: times, match: { ...rule.match } });
    }

    /** Removes every rule. */
    clear(): void {
        this.rules = [];
    }

    /** How many rules are still active. */
    get size(): number {
        return this.rules.length;
    }

    /**
     * The faults for one request, consuming each rule used: the matching rules in injection order, up to and
     * including the first that ends the request.
     */
    take(target: FaultTarget): Fault[] {
        const taken: Fault[] = [];
        for (const rule of this.rules) {
            if (!matches(rule.match, target)) continue;
            rule.remaining -= 1;
            taken.push(rule.fault);
            if (!isPassThrough(rule.fault)) break;
        }
        this.rules = this.rules.filter((rule) => rule.remaining > 0);
        return taken;
    }
}

function matches(match: FaultMatch, target: FaultTarget): boolean {
    return (match.action === undefined || match.action === target.action) && (match.pageNumber === undefined || match.pageNumber === target.pageNumber);
}
