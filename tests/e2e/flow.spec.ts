import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, expectAlert, expectToast, open, screenshot, switchPerson, test } from './fixtures';
import type { E2eApp } from './fixtures';

/**
 * The whole 揭榜挂帅 life cycle through the real UI, in Chinese, switching person in the header as each
 * party acts: 发榜 with a 子榜 → 揭榜 → 选定 → 挂帅 → 军令状 drafted and signed by both parties → 攻关:
 * a milestone reported and verified, a progress entry → 申请验收 → 验收 (the 子榜 rule refuses first)
 * → 考核 → 典型案例.
 *
 * People (demo data): 梁志远 HQ officer (the device's person after seeding), 杜河清 site lead at the
 * 瓦托 dam site, who claims, leads and signs.
 */

const HQ = '梁志远';
const LEAD = '杜河清';
const TITLE = '瓦托坝址泄洪洞高速水流空蚀在线监测';
const SUB_TITLE = '泄洪洞掺气减蚀子系统';
const PLEDGE_TITLE = '泄洪洞空蚀监测攻关军令状';
const MILESTONE = '完成空蚀监测传感器布设';

const section = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });
const challengeStatus = (page: Page, status: string) =>
  expect(page.locator('.challenge-status-line').getByText(status, { exact: true })).toBeVisible();

test('揭榜挂帅 from 发榜 to 典型案例, through the UI', async ({ page, app }, testInfo) => {
  test.setTimeout(600_000);
  const today = new Date().toISOString().slice(0, 10);
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const sites = await app.call<{ id: string; name: string }[]>('sites.list', {});
  const dam = sites.find((s) => s.name.startsWith('瓦托水电站坝址'));
  if (!dam) throw new Error('demo site missing');

  // ── 发榜: the board and the challenge (no view offers creating either: see the report) ──
  const board = await app.call<{ id: string }>('boards.create', {
    title: '2026年度水电安全揭榜挂帅榜', source: 'superior', issuerSiteId: sites.find((s) => s.name === '集团总部')!.id,
    description: '围绕高海拔水电站安全运行的关键难题张榜。', rules: '集团各单位均可揭榜。', process: '发榜 → 揭榜 → 挂帅 → 立状 → 攻关 → 验收 → 考核',
    assessmentStandard: '按军令状指标考核。', periodStart: today, periodEnd: inDays(365),
  });
  await app.call('boards.publish', { id: board.id });
  const challenge = await app.call<{ id: string; code: string }>('challenges.create', {
    boardId: board.id, parentId: null, code: '', title: TITLE, category: 'safety',
    background: '泄洪洞流速超过40米每秒，空蚀破坏威胁运行安全，现有人工巡检无法及时发现。',
    eligibility: '有水工监测经验的团队', acceptanceCriteria: '监测点在线率不低于99%\n空蚀预警响应时间不超过5分钟',
    reward: '按期完成奖励30万元', deadline: inDays(200), teamMode: 'solo', required: true, siteId: dam.id,
    kpis: [{ name: '监测点在线率', baseline: '0', target: '99', unit: '%', method: '系统统计' }],
  });

  await open(page, `/challenges/${challenge.id}`);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await challengeStatus(page, '草拟');

  // a 子榜, through the challenge page's own form
  const children = section(page, '子榜');
  await children.getByRole('button', { name: '新建子榜' }).click();
  const childForm = page.getByRole('form', { name: `新建 ${challenge.code} 的子榜` });
  await childForm.getByLabel('子榜名称').fill(SUB_TITLE);
  await childForm.getByLabel('榜题背景').fill('泄洪洞掺气槽与补气洞的掺气浓度在线测量。');
  await childForm.getByRole('button', { name: '创建子榜（草拟）' }).click();
  await expectToast(page, `子榜「${SUB_TITLE}」已创建（草拟），发榜后可揭榜`);
  const subLink = children.getByRole('link', { name: SUB_TITLE });
  await expect(subLink).toBeVisible();

  // 发榜 the challenge, then its 子榜
  await page.getByRole('group', { name: '榜题操作' }).getByRole('button', { name: '发榜', exact: true }).click();
  await page.getByRole('dialog', { name: `发榜：${challenge.code}` }).getByRole('button', { name: '发榜', exact: true }).click();
  await expectToast(page, '已发榜');
  await challengeStatus(page, '待揭榜');
  await subLink.click();
  await expect(page.getByRole('heading', { level: 1, name: SUB_TITLE })).toBeVisible();
  const subUrl = page.url();
  await page.getByRole('group', { name: '榜题操作' }).getByRole('button', { name: '发榜', exact: true }).click();
  await page.getByRole('dialog', { name: /^发榜：/ }).getByRole('button', { name: '发榜', exact: true }).click();
  await expectToast(page, '已发榜');
  await challengeStatus(page, '待揭榜');

  // the board shows both, published
  await open(page, `/boards/${board.id}`);
  const openColumn = page.getByRole('region', { name: /^待揭榜/ });
  await expect(openColumn.getByRole('article', { name: new RegExp(TITLE) })).toBeVisible();
  await expect(openColumn.getByRole('article', { name: new RegExp(SUB_TITLE) })).toBeVisible();

  // ── 揭榜: the site lead claims ──
  await openColumn.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await switchPerson(page, LEAD, app);
  const claims = section(page, '揭榜申请');
  await claims.getByRole('button', { name: '我要揭榜' }).click();
  await claims.getByLabel('攻关方案').fill('分三阶段：布设水下空蚀传感器、建设光纤传输链路、接入大坝安全监控平台并联调预警。');
  await claims.getByRole('button', { name: '提交揭榜申请' }).click();
  await expectToast(page, '揭榜申请已提交');
  const claim = claims.getByRole('listitem', { name: `揭榜申请：${LEAD}（个人揭榜）` });
  await expect(claim.getByText('已申请', { exact: true })).toBeVisible();

  // ── 选定 and 挂帅: HQ ──
  await switchPerson(page, HQ, app);
  await claim.getByRole('button', { name: '入围', exact: true }).click();
  await expectToast(page, `「${LEAD}（个人揭榜）」已入围`);
  await claim.getByRole('button', { name: '选定', exact: true }).click();
  await expectToast(page, `已选定「${LEAD}（个人揭榜）」`);
  await claim.getByRole('button', { name: '挂帅', exact: true }).click();
  const appoint = page.getByRole('dialog', { name: `挂帅：${LEAD}（个人揭榜）` });
  await expect(appoint.getByLabel('挂帅人')).toContainText(LEAD);
  await appoint.getByLabel('备注（可选）').fill('经专家评审，方案可行。');
  await appoint.getByRole('button', { name: '确定挂帅' }).click();
  await expectToast(page, `已挂帅：${LEAD}`);
  await challengeStatus(page, '已挂帅');
  await expect(section(page, '挂帅').getByRole('link', { name: LEAD })).toBeVisible();

  // ── 军令状: drafted, submitted, signed by the pledger and the issuer ──
  await section(page, '军令状').getByRole('link', { name: '起草军令状' }).click();
  await writeAndSignPledge(page, app, inDays(30), testInfo);

  // ── 攻关 ──
  await open(page, `/challenges/${challenge.id}`);
  await challengeStatus(page, '已立状');
  await page.getByRole('group', { name: '榜题操作' }).getByRole('button', { name: '开始攻关', exact: true }).click();
  await expectToast(page, '已开始攻关，军令状生效');
  await challengeStatus(page, '攻关中');

  // the site lead reports the milestone; HQ verifies it
  await switchPerson(page, LEAD, app);
  const milestones = section(page, '节点');
  const msActions = milestones.getByRole('group', { name: `节点「${MILESTONE}」的操作` });
  await msActions.getByRole('button', { name: '上报', exact: true }).click();
  const report = page.getByRole('dialog', { name: `上报节点「${MILESTONE}」` });
  await report.getByLabel('完成情况与佐证材料说明').fill('12个测点传感器已布设完毕，现场照片与安装记录已归档。');
  await report.getByRole('button', { name: '上报', exact: true }).click();
  await expectToast(page, '节点已上报，等待核验');
  await switchPerson(page, HQ, app);
  await msActions.getByRole('button', { name: '核验', exact: true }).click();
  await page.getByRole('dialog', { name: `核验节点「${MILESTONE}」` }).getByRole('button', { name: '核验通过' }).click();
  await expectToast(page, '节点已核验');
  await expect(milestones.getByText('已核验', { exact: true })).toBeVisible();

  // a progress entry, written by the site lead
  await switchPerson(page, LEAD, app);
  const progress = section(page, '攻关日志');
  await progress.getByRole('button', { name: '写攻关日志' }).click();
  await progress.getByLabel('总体进度（%）').fill('85');
  await progress.getByLabel('完成的工作').fill('完成泄洪洞左岸空蚀监测测点联调，数据接入平台。');
  await progress.getByRole('button', { name: '保存日志' }).click();
  await expectToast(page, '攻关日志已保存在本机，将随下次同步上传总部');
  await expect(progress.getByText('完成泄洪洞左岸空蚀监测测点联调，数据接入平台。')).toBeVisible();

  // ── 申请验收 ──
  const acceptance = section(page, '验收');
  await acceptance.getByRole('button', { name: '申请验收', exact: true }).click();
  const requestDialog = page.getByRole('dialog', { name: '申请验收' });
  await requestDialog.getByLabel('验收申请说明：完成情况、佐证材料、需要说明的事项').fill('节点全部完成，监测点在线率达99.5%。');
  await requestDialog.getByRole('button', { name: '提交申请' }).click();
  await expectToast(page, '验收申请已提交，等待总部验收');
  await challengeStatus(page, '待验收');

  // ── 验收: HQ; a required 子榜 not yet accepted blocks 通过 ──
  await switchPerson(page, HQ, app);
  const decision = acceptance.getByRole('form', { name: '验收决定' });
  await decision.getByRole('radio', { name: '通过', exact: true }).check();
  await decision.getByLabel('第 1 项结果').selectOption({ label: '达标' });
  await decision.getByLabel('第 2 项结果').selectOption({ label: '达标' });
  await decision.getByLabel('验收意见').fill('各项指标达到验收标准。');
  await decision.getByRole('button', { name: '提交验收决定' }).click();
  await expectAlert(page, `子榜尚未通过验收：${SUB_TITLE}`);
  await challengeStatus(page, '待验收');

  // the 子榜 found no taker: HQ withdraws it, then accepts the challenge
  await page.goto(subUrl);
  await expect(page.getByRole('heading', { level: 1, name: SUB_TITLE })).toBeVisible();
  await page.getByRole('group', { name: '榜题操作' }).getByRole('button', { name: '撤榜', exact: true }).click();
  const withdraw = page.getByRole('dialog', { name: /^撤榜：/ });
  await withdraw.getByLabel(/^撤榜原因/).fill('掺气减蚀并入主榜题一并实施。');
  await withdraw.getByRole('button', { name: '撤榜', exact: true }).click();
  await expectToast(page, '已撤榜');
  await challengeStatus(page, '撤榜');
  await page.getByRole('link', { name: new RegExp(TITLE) }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await decision.getByRole('radio', { name: '通过', exact: true }).check();
  await decision.getByLabel('第 1 项结果').selectOption({ label: '达标' });
  await decision.getByLabel('第 2 项结果').selectOption({ label: '达标' });
  await decision.getByLabel('验收意见').fill('各项指标达到验收标准。');
  await decision.getByRole('button', { name: '提交验收决定' }).click();
  await expectToast(page, '验收决定已提交');
  await challengeStatus(page, '通过验收');

  // ── 考核 ──
  const assessment = section(page, '考核评价');
  await assessment.getByLabel('得分（0–100）').fill('95');
  await expect(assessment.getByLabel('等级', { exact: true })).toHaveValue('excellent');
  await expect(assessment.getByLabel('军令状结果')).toHaveValue('fulfilled');
  await assessment.getByLabel('兑现的奖励').fill('奖励30万元，按份额分配。');
  await assessment.getByLabel('考核意见').fill('按期高质量完成。');
  await assessment.getByRole('button', { name: '提交考核' }).click();
  await expectToast(page, '考核已提交，军令状已按结果结算');
  await challengeStatus(page, '已考核');

  // ── 典型案例 ──
  const casePanel = section(page, '典型案例');
  await casePanel.getByRole('button', { name: '评为典型案例', exact: true }).click();
  await casePanel.getByLabel('做法：怎样揭榜挂帅、怎样攻关').fill('挂帅人驻守坝址，党员突击队分段布设测点，边建边联调。');
  await casePanel.getByLabel('成效：指标、成果、效益').fill('监测点在线率99.5%，空蚀预警由人工巡检的数天缩短到5分钟以内。');
  await casePanel.getByRole('button', { name: '评为典型案例', exact: true }).last().click();
  await expectToast(page, '已评为典型案例');
  await expect(casePanel.getByText(/于 .* 评为典型案例/)).toBeVisible();
  await screenshot(page, 'flow-challenge-case', testInfo);

  // the case library lists it
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '典型案例' }).click();
  await expect(page.getByText(TITLE).first()).toBeVisible();

  // and what the services hold agrees with what the pages showed
  const detail = await app.call<{ challenge: { status: string }; claims: { status: string }[]; milestones: { status: string }[] }>('challenges.get', { id: challenge.id });
  expect(detail.challenge.status).toBe('assessed');
  expect(detail.claims.map((c) => c.status)).toEqual(['selected']);
  expect(detail.milestones.map((m) => m.status)).toEqual(['verified']);
  const cases = await app.call<{ challengeId: string }[]>('cases.list', {});
  expect(cases.some((c) => c.challengeId === challenge.id)).toBe(true);
});

/**
 * On the new-pledge page, as HQ: the 军令状 starts from the challenge (number, KPIs as commitments, the
 * reward; the leader as 立状人 and the HQ officer as 发令方); one milestone is added, it is saved and
 * submitted, then signed as 发令方 and — after switching person in the header — as 立状人.
 */
async function writeAndSignPledge(page: Page, app: E2eApp, due: string, testInfo: TestInfo): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: '起草军令状' })).toBeVisible();
  await expect(page.getByLabel('立状人')).toHaveValue(await app.personId(LEAD));
  await expect(page.getByLabel('发令方')).toHaveValue(await app.personId(HQ));
  await expect(page.getByRole('textbox', { name: '第 1 项指标名称' })).toHaveValue('监测点在线率');
  await page.getByLabel('标题', { exact: true }).fill(PLEDGE_TITLE);
  await page.getByRole('button', { name: '添加节点' }).click();
  const milestone = page.getByRole('group', { name: '节点 1', exact: true });
  await milestone.getByLabel('节点名称').fill(MILESTONE);
  await milestone.getByLabel('截止日期').fill(due);
  await milestone.getByLabel('交付成果').fill('12个测点的传感器布设记录');
  await milestone.getByLabel('佐证材料要求').fill('现场照片与安装记录');
  // the customary text names the parties and the task
  await expect(page.getByLabel('军令状正文')).toHaveValue(new RegExp(`立状人${LEAD}`));
  await screenshot(page, 'pledge-editor', testInfo);
  await page.getByRole('button', { name: '保存并提交签署' }).click();
  await expectToast(page, '已提交签署');
  await expect(page).toHaveURL(/#\/pledges\//);
  await expect(page.getByRole('article', { name: '军令状' })).toContainText(PLEDGE_TITLE);

  // 发令方 signs first (the current person), then the 立状人
  await page.getByRole('button', { name: '以发令方身份签署' }).click();
  await page.getByRole('dialog', { name: '签署军令状' }).getByRole('button', { name: '确认签署' }).click();
  await expectToast(page, '已以发令方身份签署');
  await expect(page.getByText(`已签 1/2，待签：立状人 ${LEAD}`)).toBeVisible();
  await switchPerson(page, LEAD, app);
  await page.getByRole('button', { name: '以立状人身份签署' }).click();
  await page.getByRole('dialog', { name: '签署军令状' }).getByRole('button', { name: '确认签署' }).click();
  await expectToast(page, '已以立状人身份签署');
  await expect(page.getByText('2 方均已签署')).toBeVisible();
  await screenshot(page, 'pledge-signed', testInfo);
  await switchPerson(page, HQ, app);
}
