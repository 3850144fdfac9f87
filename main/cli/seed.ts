import path from 'node:path';
import { openDatabase } from '../db/open';
import type { DemoSummary } from '../demo/seed';
import { seedDemoData } from '../demo/seed';
import { MILESTONE_STATUSES, milestoneMachine } from '../domain/machines';
import type { CliIo, Command } from './command';
import { CliError, EXIT, requireString } from './command';

/** `jiebang seed --db FILE`: the demo data set into a new or empty database. */
export const seedCommand: Command = {
  name: 'seed',
  summary: '写入演示数据（四个创始案例） / Seed the demo data (the four founding cases)',
  usage: 'jiebang seed --db FILE',
  details: ['只写入没有人员的数据库；文件不存在时新建。 / Only into a database without people; the file is created if missing.'],
  options: { db: { type: 'string' } },
  run(values, io) {
    const file = path.resolve(requireString(values, 'db'));
    const db = openDatabase(file);
    try {
      const people = db.prepare('SELECT count(*) FROM people').pluck().get() as number;
      if (people > 0) {
        throw new CliError(
          EXIT.failure,
          `拒绝写入：数据库已有 ${people} 名人员，演示数据只能写入空数据库（${file}）`,
          `Refused: the database already has ${people} people; demo data goes only into an empty database (${file})`,
        );
      }
      const summary = seedDemoData(db, { now: () => new Date() });
      const current = db
        .prepare("SELECT p.name, p.post FROM settings s JOIN people p ON p.id = s.value WHERE s.key = 'current_person_id'")
        .get() as { name: string; post: string } | undefined;
      printSummary(io, file, summary, current ? `${current.name}（${current.post}）` : '—');
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

function printSummary(io: CliIo, file: string, s: DemoSummary, currentPerson: string): void {
  const milestones = MILESTONE_STATUSES.map((st) => `${milestoneMachine.labels[st]} ${st} ${s.milestonesByStatus[st]}`).join(' · ');
  io.out(`已写入演示数据 / Demo data seeded: ${file}`);
  const rows: [string, string | number][] = [
    ['单位 Sites', s.sites],
    ['人员 People', s.people],
    ['突击队 Teams', s.teams],
    ['榜单 Boards', s.boards],
    ['榜题 Challenges', `${s.challenges}（子榜 sub-challenges ${s.subChallenges}）`],
    ['揭榜申请 Claims', s.claims],
    ['军令状 Pledges', s.pledges],
    ['节点 Milestones', milestones],
    ['逾期/黄灯 Overdue/yellow', `${s.overdueMilestones} / ${s.yellowMilestones}`],
    ['攻关日志 Progress entries', s.progressEntries],
    ['典型案例 Cases', s.cases],
    ['留痕 Events', s.events],
    ['国庆冲刺 National Day sprint', s.nationalDaySprint === 'delivered' ? '已交付 delivered' : '计划中 planned'],
  ];
  for (const [label, value] of rows) io.out(`  ${label.padEnd(28)} ${value}`);
  io.out('创始案例 Founding cases:');
  s.caseTitles.forEach((title, i) => io.out(`  ${i + 1}. ${title}`));
  io.out(`当前用户 Current person: ${currentPerson}`);
}
