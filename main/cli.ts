import { parseArgs } from 'node:util';
import { JiebangError } from './domain/errors';
import type { CliIo, Command } from './cli/command';
import { CliError, EXIT, usageError } from './cli/command';
import { doctorCommand } from './cli/doctor';
import { seedCommand } from './cli/seed';
import { hubCommand, hubDevicesCommand, hubEnrolCommand, hubRevokeCommand } from './cli/hub';
import { enrolCommand, syncCommand } from './cli/sync';
import { exportBundleCommand, importBundleCommand } from './cli/bundle';

/**
 * The headless entry (`bin/jiebang.js`): `jiebang <command> [options]`. Never imports 'electron'.
 * Exit codes: 0 done, 1 refused or a problem found, 2 a usage error (nothing was touched).
 */
export const COMMANDS: readonly Command[] = [
  seedCommand, doctorCommand, hubCommand, hubEnrolCommand, hubDevicesCommand, hubRevokeCommand, enrolCommand, syncCommand,
  exportBundleCommand, importBundleCommand,
];

// `jiebang doctor | head`: a closed pipe ends the output quietly instead of crashing
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function overview(): string[] {
  return [
    '揭榜 Jiebang 命令行 / command line',
    '',
    '用法 Usage: jiebang <命令 command> [选项 options]',
    '',
    '命令 Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    '',
    '每个命令的帮助 / Help for a command: jiebang <command> --help',
  ];
}

function commandHelp(c: Command): string[] {
  return [c.summary, '', `用法 Usage: ${c.usage}`, ...(c.details ?? []).map((d) => `  ${d}`)];
}

const PARSE_ERRORS: Record<string, string> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: '未知选项',
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: '选项的值无效或缺失',
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: '多余的参数',
};

function parse(c: Command, args: string[]) {
  try {
    return parseArgs({ args, options: { ...c.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    const en = err instanceof Error ? err.message : String(err);
    throw usageError(`${PARSE_ERRORS[code] ?? '参数有误'}（${c.usage}）`, en);
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err('jiebang: 请指定命令 / No command given');
    for (const line of overview()) io.err(line);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const target = COMMANDS.find((c) => c.name === rest.join(' '));
    for (const line of target ? commandHelp(target) : overview()) io.out(line);
    return EXIT.ok;
  }
  // two-word commands (`hub enrol`) first, then one-word ones
  const twoWord = rest[0] !== undefined ? COMMANDS.find((c) => c.name === `${name} ${rest[0]}`) : undefined;
  if (twoWord) rest.shift();
  const command = twoWord ?? COMMANDS.find((c) => c.name === name);
  if (!command) {
    throw usageError(
      `未知命令：${name}（可用：${COMMANDS.map((c) => c.name).join('、')}）`,
      `Unknown command: ${name} (available: ${COMMANDS.map((c) => c.name).join(', ')})`,
    );
  }
  const { help, ...values } = parse(command, rest);
  if (help) {
    for (const line of commandHelp(command)) io.out(line);
    return EXIT.ok;
  }
  return command.run(values, io);
}

/** Runs one command line and answers its exit code; errors become messages, never stack traces. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`jiebang: ${err.zh}`);
      io.err(`jiebang: ${err.en}`);
      if (err.exitCode === EXIT.usage) io.err('帮助 / Help: jiebang --help');
      return err.exitCode;
    }
    if (err instanceof JiebangError) {
      io.err(`jiebang: ${err.messageZh}`);
      io.err(`jiebang: ${err.messageEn}`);
      return EXIT.failure;
    }
    io.err(`jiebang: 内部错误 / internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return EXIT.failure;
  }
}
