import { defineErrors } from '../../platform/errors.ts';

/** Every import refusal carries the report in `details.report`, so the page shows one kind of answer. */
export const ResourceIoErrors = defineErrors({
  RESOURCE_IMPORT_REJECTED: {
    status: 422,
    zh: '导入文件有错误，未导入任何数据，请按报告修改后重新导入',
    en: 'The file has errors; nothing was loaded. Fix the rows in the report and import again',
  },
  RESOURCE_IMPORT_FILE_TYPE: {
    status: 415,
    zh: '导入文件须为 Excel（.xlsx）或 CSV 文件，未导入任何数据',
    en: 'An import must be an Excel (.xlsx) or CSV file; nothing was loaded',
  },
  RESOURCE_IMPORT_TOO_LARGE: { status: 413, zh: '导入文件过大，未导入任何数据', en: 'The import file is too large; nothing was loaded' },
  RESOURCE_IMPORT_INSTITUTION_REQUIRED: {
    status: 400,
    zh: '请指定资源所属的机构',
    en: 'Name the institution the resources belong to',
  },
  RESOURCE_EXPORT_TOO_LARGE: {
    status: 422,
    zh: '结果超过导出上限，请增加筛选条件缩小范围后再导出',
    en: 'Too many results to export; narrow the search with filters first',
  },
});
