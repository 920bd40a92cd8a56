/**
 * A tiny ANSI colour helper (SGR codes only, no dependency) and the rule that decides whether a
 * stream gets colours.
 */

/** One styling function: wraps already-escaped text in an SGR start and reset code, or returns it as is. */
export type Style = (text: string) => string;

/** The styles the console formats use. Every style is the identity when colours are off. */
export interface Palette {
  /** Whether the styles emit ANSI codes. */
  readonly enabled: boolean;
  readonly red: Style;
  readonly green: Style;
  readonly yellow: Style;
  readonly blue: Style;
  readonly magenta: Style;
  readonly cyan: Style;
  readonly gray: Style;
  readonly bold: Style;
  readonly dim: Style;
}

const identity: Style = (text) => text;

function sgr(open: number, close: number): Style {
  const start = `\u001b[${open}m`;
  const end = `\u001b[${close}m`;
  return (text) => (text === '' ? text : start + text + end);
}

/** The palette with every style off. */
export const PLAIN_PALETTE: Palette = Object.freeze({
  enabled: false,
  red: identity,
  green: identity,
  yellow: identity,
  blue: identity,
  magenta: identity,
  cyan: identity,
  gray: identity,
  bold: identity,
  dim: identity,
});

/** The palette with ANSI colours on. */
export const ANSI_PALETTE: Palette = Object.freeze({
  enabled: true,
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  magenta: sgr(35, 39),
  cyan: sgr(36, 39),
  gray: sgr(90, 39),
  bold: sgr(1, 22),
  dim: sgr(2, 22),
});

/**
 * The palette for `enabled`.
 *
 * @param enabled whether to emit ANSI codes
 */
export function createPalette(enabled: boolean): Palette {
  return enabled ? ANSI_PALETTE : PLAIN_PALETTE;
}

/** The part of a stream the colour rule looks at. */
export interface ColorTarget {
  /** `true` only for a terminal (`tty.WriteStream`). */
  readonly isTTY?: boolean;
}

/**
 * Whether output to `stream` gets colours, in this order:
 * 1. `FORCE_COLOR` set: on, unless its value is `0` or `false` (then off);
 * 2. `NO_COLOR` set to a non-empty value (https://no-color.org): off;
 * 3. `TERM=dumb`: off;
 * 4. otherwise on exactly when `stream.isTTY === true`.
 *
 * @param stream the output stream
 * @param env the environment to read; default `process.env`
 */
export function detectColors(stream: ColorTarget | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const value = force.trim().toLowerCase();
    return value !== '0' && value !== 'false';
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream?.isTTY === true;
}
