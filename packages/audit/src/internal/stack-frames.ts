/**
 * One stack frame reduced to what survives a rebuild, a redeploy or a line shift: the file's basename
 * (prefixed with its package for `node_modules` files) and the function.
 */
export interface GroupingFrame {
  readonly module: string;
  readonly fn: string;
  /** Whether the frame is the application's own code (not `node_modules`, not `node:`). */
  readonly inApp: boolean;
}

const FRAME_LINE = /^\s*at\s+(.*)$/;
const LINE_COLUMN = /(?::\d+){1,2}$/;
/** Frames of the runtime and of code that is not a file: never part of a fingerprint. */
const NOT_A_FILE = /^(?:node:|internal\/|native$|<anonymous>$|evalmachine\.)/;
/** The package of a `node_modules` path (the last one, scoped names included); anchored, so linear. */
const PACKAGE = /^.*[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/;
const EVAL_AT = /^eval at [^(]*\((.*?)\)/;
/** A whitespace character followed by `(`: where a frame's function part ends. */
const BEFORE_LOCATION = /\s\(/;
const WHITESPACE = /\s/;

/**
 * Characters of a stack that are read: about 600 frames. A longer stack (an error message holding a
 * request body, `Error.stackTraceLimit = Infinity`) is cut at its last whole line before this.
 */
export const MAX_STACK_LENGTH = 64 * 1024;

/**
 * `fn (location)` split in two, or undefined: the function part ends at the first whitespace run followed
 * by `(`, the location at the line's last `)`. In linear time (as a regular expression, `^(.*?)\s+\((.*)\)$`,
 * it backtracked once per start position: a line of 16 000 ` (` took 4.6 s).
 */
function splitFunction(body: string): [fn: string, location: string] | undefined {
  if (!body.endsWith(')')) return undefined;
  const match = BEFORE_LOCATION.exec(body);
  if (match === null || match.index === 0) return undefined;
  let end = match.index;
  while (end > 0 && WHITESPACE.test(body[end - 1]!)) end--;
  const open = match.index + 1;
  return [body.slice(0, end), body.slice(open + 1, -1)];
}

function basename(location: string): string {
  let path = location.replace(LINE_COLUMN, '');
  const query = path.search(/[?#]/);
  if (query !== -1) path = path.slice(0, query);
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash === -1 ? path : path.slice(slash + 1);
}

/** `name` without a trailing `[as alias]` (and the whitespace before it). */
function withoutAlias(name: string): string {
  if (!name.endsWith(']')) return name;
  const at = name.lastIndexOf('[as ');
  if (at === -1 || name.indexOf(']', at) !== name.length - 1) return name;
  return name.slice(0, at).trimEnd();
}

function functionName(raw: string): string {
  const name = withoutAlias(raw.replace(/^async\s+/, '').replace(/^new\s+/, '')).replace(/^Object\.<anonymous>$/, '<anonymous>');
  return name === '' ? '<anonymous>' : name;
}

/**
 * The frames of the first error in a V8 stack trace (`Caused by:` sections and anything after the first
 * block of `at` lines are ignored), runtime frames left out, read from the first {@link MAX_STACK_LENGTH}
 * characters. With `inAppLimit`, stops once it has that many application frames (a fingerprint takes the
 * first few). Linear in the length read.
 */
export function parseFrames(stack: string, inAppLimit = Infinity): GroupingFrame[] {
  const frames: GroupingFrame[] = [];
  let inApp = 0;
  let started = false;
  const text = stack.length > MAX_STACK_LENGTH ? stack.slice(0, Math.max(0, stack.lastIndexOf('\n', MAX_STACK_LENGTH))) : stack;
  for (const line of text.split('\n')) {
    const match = FRAME_LINE.exec(line);
    if (match === null) {
      if (started) break;
      continue;
    }
    started = true;
    const body = match[1]!.trim();
    const withFn = splitFunction(body);
    let location = withFn === undefined ? body : withFn[1];
    // `eval at fn (file:1:2), <anonymous>:1:1`: the frame belongs to the file that called eval.
    const evalAt = EVAL_AT.exec(location);
    if (evalAt !== null) location = evalAt[1]!;
    location = location.replace(/^file:\/\//, '');
    if (NOT_A_FILE.test(location)) continue;
    const pkg = PACKAGE.exec(location);
    frames.push({
      module: pkg === null ? basename(location) : `${pkg[1]}/${basename(location)}`,
      fn: functionName(withFn === undefined ? '' : withFn[0]),
      inApp: pkg === null,
    });
    if (pkg === null && ++inApp >= inAppLimit) break;
  }
  return frames;
}
