import { defineErrors } from '../../platform/errors.ts';

/** Refusals of a patent file. A refused file loads nothing; the import's report lists what to fix. */
export const PatentImportErrors = defineErrors({
  PATENT_IMPORT_REJECTED: {
    status: 422,
    zh: '导入文件有错误，未导入任何数据，请按报告修改后重新导入',
    en: 'The file has errors; nothing was loaded. Fix the rows in the report and import again',
  },
  PATENT_IMPORT_FILE_TYPE: {
    status: 415,
    zh: '专利导入文件须为 CSV、Excel（.xlsx）或 ST.36 XML 文件',
    en: 'A patent import must be a CSV, Excel (.xlsx) or ST.36 XML file',
  },
  PATENT_IMPORT_TOO_LARGE: {
    status: 413,
    zh: '导入文件过大（网页上传上限 50 MB），更大的文件请用命令行导入',
    en: 'The file is too large for an upload (50 MB); import larger files with the command line',
  },
  PATENT_IMPORT_INTERRUPTED: {
    status: 500,
    zh: '导入两次被服务器重启或故障中断，文件中的记录均未导入，请重新上传',
    en: 'The import was interrupted twice by a server restart or failure; nothing of the file was loaded. Upload it again',
  },
  PATENT_IMPORT_EMPTY: { status: 422, zh: '文件中没有专利记录', en: 'The file holds no patent records' },
  PATENT_IMPORT_ENCODING: {
    status: 422,
    zh: '文件编码无法识别，请保存为 UTF-8 或 GBK 编码的 CSV',
    en: 'Unknown text encoding; save the CSV as UTF-8 or GBK',
  },
  PATENT_IMPORT_MISSING_COLUMNS: {
    status: 422,
    zh: '缺少必需的列（申请号、专利名称、申请日、申请人），请使用导入模板',
    en: 'Required columns are missing (application number, title, application date, applicants); use the template',
  },
  PATENT_IMPORT_XML_MALFORMED: {
    status: 422,
    zh: 'XML 文件格式不正确（不是格式良好的 XML）',
    en: 'The XML file is not well-formed',
  },
  PATENT_IMPORT_XML_NOT_ST36: {
    status: 422,
    zh: 'XML 文件不是 ST.36 系列的专利著录数据（如 us-patent-application、cn-patent-document、patent-document）',
    en: 'The XML is not ST.36-family patent data (us-patent-application, cn-patent-document, patent-document, …)',
  },
  PATENT_IMPORT_XLSX_UNREADABLE: { status: 422, zh: 'Excel 文件无法读取', en: 'The Excel file cannot be read' },
  PATENT_IMPORT_NOT_FINISHED: { status: 409, zh: '导入尚未完成', en: 'The import has not finished' },
});
