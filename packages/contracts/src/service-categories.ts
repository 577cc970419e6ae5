/**
 * The plan's seven service categories, shared by the service catalogue and the voucher programmes.
 * Stored as these codes; the labels are for display.
 */
export const serviceCategories = [
  'resource_sharing', // 科技资源共享
  'information', // 信息服务
  'rnd', // 技术研发
  'testing', // 检验检测
  'training', // 技能培训
  'commercialisation', // 成果转化
  'ip', // 知识产权
] as const;
export type ServiceCategory = (typeof serviceCategories)[number];

export const serviceCategoryLabels: Record<ServiceCategory, { zh: string; en: string }> = {
  resource_sharing: { zh: '科技资源共享', en: 'Research resource sharing' },
  information: { zh: '信息服务', en: 'Information services' },
  rnd: { zh: '技术研发', en: 'Technology R&D' },
  testing: { zh: '检验检测', en: 'Testing and inspection' },
  training: { zh: '技能培训', en: 'Skills training' },
  commercialisation: { zh: '成果转化', en: 'Commercialisation of results' },
  ip: { zh: '知识产权', en: 'Intellectual property' },
};
