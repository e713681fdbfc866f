/**
 * A tiny spinner for waits longer than a second: frames and the label on stderr, and only when
 * stderr is a terminal (so piped and machine output stay clean). `stop()` clears the line.
 */

/** Where the spinner draws. */
export interface SpinnerStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A running spinner. */
export interface Spinner {
  /** Replaces the label. */
  update(label: string): void;
  /** Stops and clears the line. */
  stop(): void;
}

/** Starts a spinner after `delayMs` (default 1000 ms); a no-op when `stream` is not a TTY. */
export function startSpinner(label: string, stream: SpinnerStream = process.stderr, delayMs = 1000): Spinner {
  if (!stream.isTTY) return { update() {}, stop() {} };
  let text = label;
  let frame = 0;
  let drawn = false;
  let interval: NodeJS.Timeout | undefined;
  const draw = () => {
    drawn = true;
    stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${text}`);
  };
  const delay = setTimeout(() => {
    draw();
    interval = setInterval(draw, 80);
    interval.unref();
  }, delayMs);
  delay.unref();
  return {
    update(l: string) {
      text = l;
    },
    stop() {
      clearTimeout(delay);
      if (interval) clearInterval(interval);
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

/** Runs `work` with a spinner shown while it takes longer than a second. */
export async function withSpinner<T>(label: string, work: (s: Spinner) => Promise<T>, stream: SpinnerStream = process.stderr): Promise<T> {
  const s = startSpinner(label, stream);
  try {
    return await work(s);
  } finally {
    s.stop();
  }
}
