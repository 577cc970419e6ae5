import { defineErrors } from '../../platform/errors.ts';

export const FileErrors = defineErrors({
  FILE_MISSING: { status: 400, zh: '请选择要上传的文件', en: 'No file was uploaded' },
  FILE_EMPTY: { status: 422, zh: '文件为空', en: 'The file is empty' },
  FILE_TOO_LARGE: { status: 413, zh: '文件超过允许的大小', en: 'The file is larger than allowed' },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '不支持此文件类型，请上传允许的格式',
    en: 'This type of file is not accepted here',
  },
  FILE_EXTENSION_MISMATCH: {
    status: 422,
    zh: '文件扩展名与文件内容不符',
    en: 'The file name’s extension does not match its content',
  },
  FILE_ARCHIVE_REJECTED: {
    status: 422,
    zh: '文件结构异常或解压后过大，无法接收',
    en: 'The document is malformed or expands to more than allowed',
  },
});
