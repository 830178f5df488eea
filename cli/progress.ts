/** A progress line on a terminal's stderr, rewritten in place; silent when stderr is not a terminal. */
export function progressReporter(stream: NodeJS.WriteStream): { update(done: number, total: number): void; end(): void } {
    if (!stream.isTTY) return { update: () => undefined, end: () => undefined };
    let shown = false;
    return {
        update(done, total) {
            if (total <= 1) return;
            stream.write(`\rpages ${done}/${total}`);
            shown = true;
        },
        end() {
            if (shown) stream.write("\r\x1b[K");
        },
    };
}
