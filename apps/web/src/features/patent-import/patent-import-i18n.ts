import type { Messages } from '../../app/i18n/en-US.ts';
import { i18n } from '../../app/i18n/i18n.ts';

/** The patent import page's strings, registered when the (lazily loaded) page loads. */
export const patentImportZhCN = {
  patentImport: {
    title: '专利数据导入',
    subtitle: '导入 CSV、Excel（.xlsx）或 ST.36 XML 专利著录数据：整个文件逐条检查，全部通过才导入，按申请号重复导入会更新已有记录',
    templateXlsx: '下载 Excel 模板',
    templateCsv: '下载 CSV 模板',
    drop: '点击或拖拽文件到此处上传',
    dropHint:
      '支持 CSV（UTF-8 或 GBK）、Excel（.xlsx）、ST.36 XML（USPTO、CNIPA 等），网页上传不超过 {{mb}} MB；更大的文件请用命令行 npm run cli -- import patents FILE',
    start: '开始导入',
    uploading: '正在上传 {{percent}}%',
    queued: '已上传，等待处理…',
    running: '正在读取和检查：已读 {{records}} 条，{{errors}} 条有错误',
    merging: '正在写入数据库…',
    succeeded: '导入完成：共 {{records}} 条，新增 {{inserted}} 条，更新 {{updated}} 条',
    succeededHint: '文件“{{filename}}”已全部导入',
    failed: '导入失败，未导入任何数据',
    failedRows: '{{records}} 条中有 {{errors}} 条有错误，请按报告修改后重新导入',
    report: '下载错误报告（Excel）',
    again: '导入另一个文件',
    row: '行',
    number: '申请号',
    column: '列',
    value: '值',
    problem: '问题',
    moreIssues: '此处显示前 {{shown}} 个问题，完整报告请下载 Excel',
    history: '最近的导入',
    filename: '文件',
    format: '格式',
    status: '状态',
    records: '条数',
    createdAt: '时间',
    status_queued: '排队中',
    status_running: '导入中',
    status_succeeded: '成功',
    status_failed: '失败',
    empty: '还没有导入记录',
    layout:
      '列说明：申请号、专利名称、申请日、申请人为必填；专利类型、公开号、授权公告号、分类号、法律状态、法律事件等可选，列名可用中文或英文，详见模板的“填写说明”。',
  },
};

export const patentImportEnUS: Messages<typeof patentImportZhCN> = {
  patentImport: {
    title: 'Patent import',
    subtitle:
      'Import patent bibliographic data from CSV, Excel (.xlsx) or ST.36 XML: every record is checked, the file loads completely or not at all, and re-importing updates records by application number',
    templateXlsx: 'Excel template',
    templateCsv: 'CSV template',
    drop: 'Click or drop a file here',
    dropHint:
      'CSV (UTF-8 or GBK), Excel (.xlsx) or ST.36 XML (USPTO, CNIPA, …), at most {{mb}} MB in the browser; larger files with npm run cli -- import patents FILE',
    start: 'Import',
    uploading: 'Uploading {{percent}}%',
    queued: 'Uploaded, waiting to be processed…',
    running: 'Reading and checking: {{records}} records read, {{errors}} with errors',
    merging: 'Writing to the database…',
    succeeded: 'Imported {{records}} records: {{inserted}} new, {{updated}} updated',
    succeededHint: 'Every record of "{{filename}}" was loaded',
    failed: 'Import refused; nothing was loaded',
    failedRows: '{{errors}} of {{records}} records have errors; fix them as the report says and import again',
    report: 'Download the report (Excel)',
    again: 'Import another file',
    row: 'Row',
    number: 'Application no.',
    column: 'Column',
    value: 'Value',
    problem: 'Problem',
    moreIssues: 'The first {{shown}} problems are shown; download the report for all',
    history: 'Recent imports',
    filename: 'File',
    format: 'Format',
    status: 'Status',
    records: 'Records',
    createdAt: 'When',
    status_queued: 'Queued',
    status_running: 'Running',
    status_succeeded: 'Succeeded',
    status_failed: 'Failed',
    empty: 'No imports yet',
    layout:
      'Columns: application number, title, application date and applicants are required; kind, publication and grant numbers, classes, legal status, legal events and more are optional. Headers may be Chinese or English; see the template’s guide sheet.',
  },
};

i18n.addResourceBundle('zh-CN', 'translation', patentImportZhCN, true, false);
i18n.addResourceBundle('en-US', 'translation', patentImportEnUS, true, false);
