import 'i18next';
import type { twoFactorZhCN } from '../../features/auth/two-factor-i18n.ts';
import type { fundingZhCN } from '../../features/funding/funding-i18n.ts';
import type { indicatorsZhCN } from '../../features/indicators/indicators-i18n.ts';
import type { ipCasesZhCN } from '../../features/ip-cases/ip-cases-i18n.ts';
import type { ipTradingZhCN } from '../../features/ip-trading/ip-trading-i18n.ts';
import type { patentImportZhCN } from '../../features/patent-import/patent-import-i18n.ts';
import type { patentLandscapeZhCN } from '../../features/patent-landscape/patent-landscape-i18n.ts';
import type { patentsZhCN } from '../../features/patents/patents-i18n.ts';
import type { preExamZhCN } from '../../features/pre-examination/pre-exam-i18n.ts';
import type { resourceAdminZhCN } from '../../features/resources/resource-admin-i18n.ts';
import type { resourcesZhCN } from '../../features/resources/resources-i18n.ts';
import type { serviceOrdersZhCN } from '../../features/service-orders/service-orders-i18n.ts';
import type { requirementsZhCN } from '../../features/service-requirements/requirements-i18n.ts';
import type { servicesZhCN } from '../../features/services/services-i18n.ts';
import type { sharingZhCN } from '../../features/sharing-statistics/sharing-i18n.ts';
import type { targetReportZhCN } from '../../features/target-report/target-report-i18n.ts';
import type { targetSubmissionsZhCN } from '../../features/target-submissions/target-submissions-i18n.ts';
import type { targetsZhCN } from '../../features/targets/targets-i18n.ts';
import type { voucherClaimsZhCN } from '../../features/voucher-claims/voucher-claims-i18n.ts';
import type { voucherReportsZhCN } from '../../features/voucher-reports/voucher-reports-i18n.ts';
import type { vouchersZhCN } from '../../features/vouchers/vouchers-i18n.ts';
import type { zhCN } from './zh-CN.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // Feature strings loaded with their pages join the app's keys.
    resources: {
      translation: typeof zhCN &
        typeof resourcesZhCN &
        typeof resourceAdminZhCN &
        typeof sharingZhCN &
        typeof servicesZhCN &
        typeof serviceOrdersZhCN &
        typeof vouchersZhCN &
        typeof voucherReportsZhCN &
        typeof requirementsZhCN &
        typeof voucherClaimsZhCN &
        typeof targetSubmissionsZhCN &
        typeof indicatorsZhCN &
        typeof fundingZhCN &
        typeof targetReportZhCN &
        typeof targetsZhCN &
        typeof patentsZhCN &
        typeof patentImportZhCN &
        typeof patentLandscapeZhCN &
        typeof ipTradingZhCN &
        typeof ipCasesZhCN &
        typeof twoFactorZhCN &
        typeof preExamZhCN;
    };
  }
}
