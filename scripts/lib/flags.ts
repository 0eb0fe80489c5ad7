/**
 * A script's command line: `--name value` pairs, each name one the script knows. `--help` (or
 * `-h`) prints `usage` and exits 0; an unknown flag, or one without its value, prints what is
 * wrong and `usage` and exits 2. A benchmark runs for minutes with its defaults, and the demo
 * creates an event: a typo must not quietly do that instead of what was asked.
 */
export function readFlags<K extends string>(argv: readonly string[], usage: string, known: readonly K[]): Map<K, string> {
  const flags = new Map<K, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    const name = arg.replace(/^--/, '') as K;
    const value = argv[i + 1];
    if (!arg.startsWith('--') || !known.includes(name)) refuse(`unknown option ${arg}`, usage);
    if (value === undefined || value.startsWith('--')) refuse(`${arg} needs a value`, usage);
    flags.set(name, value!);
    i++;
  }
  return flags;
}

function refuse(problem: string, usage: string): never {
  process.stderr.write(`${problem}\n\n${usage}\n`);
  process.exit(2);
}
