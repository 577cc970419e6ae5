import type { Messages } from '../../app/i18n/en-US.ts';
import { i18n } from '../../app/i18n/i18n.ts';

/** The voucher pages' strings, registered when the (lazily loaded) page loads. */
export const vouchersZhCN = {
  vouchers: {
    title: '科技创新券',
    walletSubtitle: '本企业持有的创新券：面额、可用余额、已预留和已结算金额',
    adminSubtitle: '创新券计划的预算执行情况与已发放的创新券',
    programmes: '创新券计划',
    wallet: '创新券',
    programme: '计划',
    enterprise: '企业',
    faceValue: '面额（元）',
    remaining: '可用余额（元）',
    reserved: '已预留（元）',
    settled: '已结算（元）',
    ratio: '补贴比例',
    expiresAt: '有效期至',
    status: '状态',
    active: '有效',
    expired: '已过期',
    budget: '总预算（元）',
    available: '未分配（元）',
    inWallets: '券内余额（元）',
    issued: '累计发放（元）',
    returned: '过期收回（元）',
    used: '预算使用率',
    cap: '单企上限（元）',
    window: '申报期',
    noProgrammes: '暂无创新券计划',
  },
};

export const vouchersEnUS: Messages<typeof vouchersZhCN> = {
  vouchers: {
    title: 'Innovation vouchers',
    walletSubtitle: 'The vouchers of your enterprise: face value, what is left, reserved and settled',
    adminSubtitle: 'Budget use of the voucher programmes and the vouchers issued',
    programmes: 'Programmes',
    wallet: 'Vouchers',
    programme: 'Programme',
    enterprise: 'Enterprise',
    faceValue: 'Face value (¥)',
    remaining: 'Left (¥)',
    reserved: 'Reserved (¥)',
    settled: 'Settled (¥)',
    ratio: 'Subsidy ratio',
    expiresAt: 'Valid until',
    status: 'Status',
    active: 'Active',
    expired: 'Expired',
    budget: 'Budget (¥)',
    available: 'Not yet awarded (¥)',
    inWallets: 'In wallets (¥)',
    issued: 'Issued in total (¥)',
    returned: 'Returned by expiry (¥)',
    used: 'Budget used',
    cap: 'Cap per enterprise (¥)',
    window: 'Application window',
    noProgrammes: 'No voucher programmes yet',
  },
};

for (const [lng, bundle] of [
  ['zh-CN', vouchersZhCN],
  ['en-US', vouchersEnUS],
] as const) {
  i18n.addResourceBundle(lng, 'translation', bundle, true, false);
}
