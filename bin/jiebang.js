#!/usr/bin/env node
// 揭榜 Jiebang command line: checks the Node version, then runs main/cli.ts through tsx.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `jiebang: 需要 Node.js 22.12 或更高版本，当前为 ${process.version}\n` +
      `jiebang: Node.js 22.12 or newer is required; this is ${process.version}\n`,
  );
  process.exit(1);
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../main/cli.ts');
process.exitCode = await main(process.argv.slice(2));
