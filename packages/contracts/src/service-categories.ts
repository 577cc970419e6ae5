/**
 * The seven service categories of the city's plan (公共服务平台 · 科技创新券). Shared by the service catalogue
 * and the innovation vouchers (eligible categories): one list, one file.
 */
export const SERVICE_CATEGORIES = ['resource_sharing', 'information', 'rnd', 'testing', 'training', 'tech_transfer', 'ip'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, { zh: string; en: string }> = {
  resource_sharing: { zh: '科技资源共享', en: 'Resource sharing' },
  information: { zh: '信息服务', en: 'Information services' },
  rnd: { zh: '技术研发', en: 'R&D' },
  testing: { zh: '检验检测', en: 'Testing & inspection' },
  training: { zh: '技能培训', en: 'Skills training' },
  tech_transfer: { zh: '成果转化', en: 'Technology transfer' },
  ip: { zh: '知识产权', en: 'Intellectual property' },
};
