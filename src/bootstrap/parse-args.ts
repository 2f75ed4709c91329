export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  flags: Record<string, string>;
}

/** `cmd pos --flag value --flag=value`: enough for a handful of admin commands. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command, ...rest] = argv;
  const positionals: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) flags[name] = inline;
    else if (rest[i + 1] !== undefined && !rest[i + 1].startsWith('--')) flags[name] = rest[(i += 1)];
    else flags[name] = 'true';
  }
  return { command, positionals, flags };
}
