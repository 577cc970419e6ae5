import { defineErrors } from '../../platform/errors.ts';

export const ResourceErrors = defineErrors({
  RESOURCE_UNDER_REVIEW: {
    status: 409,
    zh: '资源正在审核中，审核结束前不能修改',
    en: 'The resource is under review and cannot be changed until the review ends',
  },
  RESOURCE_NOT_DRAFT: { status: 409, zh: '只能删除草稿状态的资源', en: 'Only draft resources can be deleted' },
  RESOURCE_TRANSITION_INVALID: {
    status: 409,
    zh: '资源当前状态不允许此操作（可能已被他人处理）',
    en: 'The resource is not in a state that allows this (someone may have acted on it already)',
  },
  RESOURCE_REVIEW_COMMENT_REQUIRED: { status: 400, zh: '退回时请填写审核意见', en: 'A comment is required when rejecting' },
  RESOURCE_FEE_RANGE: { status: 400, zh: '最低收费不能高于最高收费', en: 'The minimum fee exceeds the maximum fee' },
  RESOURCE_LINK_INVALID: {
    status: 422,
    zh: '关联的资源不存在、不可见或关系类型不符',
    en: 'A linked resource does not exist, is not visible, or does not fit the relation',
  },
  RESOURCE_PHOTO_INVALID: { status: 422, zh: '图片文件不存在或不是图片', en: 'A photo file does not exist or is not an image' },
});
