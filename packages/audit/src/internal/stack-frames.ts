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
/** `fn (location)`; the location may itself hold parentheses (`eval at …`), so match the last group. */
const WITH_FUNCTION = /^(.*?)\s+\((.*)\)$/;
const LINE_COLUMN = /(?::\d+){1,2}$/;
/** Frames of the runtime and of code that is not a file: never part of a fingerprint. */
const NOT_A_FILE = /^(?:node:|internal\/|native$|<anonymous>$|evalmachine\.)/;

/** The package of a `node_modules` path (the last one, scoped names included). */
const PACKAGE = /.*[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/;

function basename(location: string): string {
  let path = location.replace(LINE_COLUMN, '');
  const query = path.search(/[?#]/);
  if (query !== -1) path = path.slice(0, query);
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash === -1 ? path : path.slice(slash + 1);
}

function functionName(raw: string): string {
  const name = raw
    .replace(/^async\s+/, '')
    .replace(/^new\s+/, '')
    .replace(/\s*\[as [^\]]*\]$/, '')
    .replace(/^Object\.<anonymous>$/, '<anonymous>');
  return name === '' ? '<anonymous>' : name;
}

/**
 * The frames of the first error in a V8 stack trace (`Caused by:` sections and anything after the first
 * block of `at` lines are ignored), runtime frames left out.
 */
export function parseFrames(stack: string): GroupingFrame[] {
  const frames: GroupingFrame[] = [];
  let started = false;
  for (const line of stack.split('\n')) {
    const match = FRAME_LINE.exec(line);
    if (match === null) {
      if (started) break;
      continue;
    }
    started = true;
    const body = match[1]!.trim();
    const withFn = WITH_FUNCTION.exec(body);
    let location = withFn === null ? body : withFn[2]!;
    // `eval at fn (file:1:2), <anonymous>:1:1`: the frame belongs to the file that called eval.
    const evalAt = /^eval at [^(]*\((.*?)\)/.exec(location);
    if (evalAt !== null) location = evalAt[1]!;
    location = location.replace(/^file:\/\//, '');
    if (NOT_A_FILE.test(location)) continue;
    const pkg = PACKAGE.exec(location);
    frames.push({
      module: pkg === null ? basename(location) : `${pkg[1]}/${basename(location)}`,
      fn: functionName(withFn === null ? '' : withFn[1]!),
      inApp: pkg === null,
    });
  }
  return frames;
}
