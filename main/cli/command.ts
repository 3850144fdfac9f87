import type { ParseArgsOptionsConfig } from 'node:util';

/** What a CLI command is: a name, its flags and a run function. Adding a command = one module + one table entry. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface Command {
  name: string;
  /** one line, Chinese first */
  summary: string;
  /** the synopsis, e.g. `jiebang seed --db FILE` */
  usage: string;
  /** extra help lines after the synopsis */
  details?: readonly string[];
  options: ParseArgsOptionsConfig;
  run(values: OptionValues, io: CliIo): number | Promise<number>;
}

/** A refusal with its exit code and a message in both languages. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'CliError';
  }
}

export const usageError = (zh: string, en: string) => new CliError(EXIT.usage, zh, en);

/** A required string flag, or a usage error naming it. */
export function requireString(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw usageError(`缺少必填选项 --${name}`, `Missing required option --${name}`);
  }
  return value;
}
