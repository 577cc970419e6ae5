#!/usr/bin/env node
/**
 * Screenshot of the patent import page (专利数据导入) for docs/screenshots/: a file with a bad row
 * uploaded, the refusal with its row report, and the history of imports.
 *
 *   BASE_URL=http://localhost:3311 node scripts/screenshots-patent-import.mjs
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shotAs, withBrowser } from './screenshot-kit.mjs';

const bad = join(tmpdir(), '专利著录数据-2024.csv');
writeFileSync(
  bad,
  '申请号,专利类型,专利名称,申请日,公开日,申请人,分类号\r\n' +
    '202310999001.0,发明,一种LED灯具散热结构,2023-05-01,2024-11-01,中山市古镇灯饰有限公司,F21V29/70\r\n' +
    '202310999002.6,发明,一种吸顶灯安装结构,2023-05-01,,中山市古镇灯饰有限公司,F21V21/03\r\n' +
    '202320999004.X,实用新型,一种灯座,2023-05-01,2022-01-01,中山市某灯饰厂,F21V19/00\r\n' +
    '202310999003.X,发明,一种驱动电源,2023-05-01,,中山市某灯饰厂,F21V 2970\r\n',
);

await withBrowser(async (browser) => {
  await shotAs(browser, {
    username: 'admin',
    locale: 'zh-CN',
    name: 'patent-import-zh.png',
    path: '/patents/import',
    testId: 'patent-import-card',
    act: async (page) => {
      await page.getByTestId('patent-import-card').locator('input[type="file"]').setInputFiles(bad);
      await page.getByTestId('patent-import-start').click();
      await page.getByTestId('patent-import-failed').waitFor({ timeout: 60_000 });
    },
  });
});
