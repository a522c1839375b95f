// Progress of a long scan, on stderr: one line rewritten in place on a
// terminal, plain lines elsewhere (a CI log keeps every line).

function seconds(ms) {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** @param {{ isTTY?: boolean, columns?: number, write(text: string): void }} stream */
export function createProgress(stream, { quiet = false, now = Date.now } = {}) {
  const start = now();
  let done = 0;
  let total = 0;
  let open = false;
  const line = (text) => {
    if (quiet) return;
    if (stream.isTTY) {
      const width = Math.max(20, (stream.columns || 100) - 1);
      stream.write(`\r\x1b[2K${text.length > width ? text.slice(0, width - 1) + '…' : text}`);
      open = true;
    } else stream.write(text + '\n');
  };
  return {
    /** How many visits the scan will make, once the crawl knows. */
    setTotal(count) {
      total = count;
    },
    visit({ state, url }) {
      done++;
      line(`scan ${total ? `${done}/${total}` : `${done}`} ${state.padEnd(6)} ${url} (${seconds(now() - start)})`);
    },
    /** A line that stays (a note, a state's end). */
    say(text) {
      if (quiet) return;
      if (open) stream.write('\r\x1b[2K');
      open = false;
      stream.write(text + '\n');
    },
    end() {
      if (open && !quiet) stream.write('\r\x1b[2K');
      open = false;
    },
    elapsed: () => now() - start,
  };
}
