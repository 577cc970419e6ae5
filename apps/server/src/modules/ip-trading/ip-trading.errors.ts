import { AppError, defineErrors, pgConstraint } from '../../platform/errors.ts';

export const IpErrors = defineErrors({
  IP_PATENT_NOT_IN_FORCE: {
    status: 409,
    zh: '该专利不在有效状态（未授权、已失效、已无效或已届满），不能挂牌、许可或达成交易',
    en: 'The patent is not in force (not granted, lapsed, invalidated or expired); it cannot be listed, licensed or traded',
  },
  IP_NOT_PATENT_OWNER: {
    status: 403,
    zh: '只有专利的现权利人（本企业在专利权人之列）可以挂牌或声明开放许可',
    en: 'Only a current owner of the patent (your enterprise among its owners) may list it or declare it open',
  },
  IP_EXCLUSIVE_DEAL_CONFLICT: {
    status: 409,
    zh: '该专利已有进行中的转让或独占许可交易，不能再达成另一项转让或独占许可',
    en: 'A transfer or exclusive licence of this patent is already in progress; another cannot start',
  },
  IP_PLEDGE_IN_PROGRESS: {
    status: 409,
    zh: '该专利已有进行中的质押融资交易',
    en: 'A pledge of this patent is already being arranged',
  },
  IP_EXCLUSIVE_LICENCE_EXISTS: {
    status: 409,
    zh: '该专利的独占许可尚在许可期限内，期限届满前不能再许可（许可期限也不能与其重叠）',
    en: 'An exclusive licence of the patent is within its term; no further licence until it ends (nor one overlapping it)',
  },
  IP_EXCLUSIVE_LICENCE_OVERLAP: {
    status: 409,
    zh: '独占许可期限内不能有其他被许可人：该专利已有许可（含开放许可）的期限与之重叠',
    en: 'An exclusive licence has no other licensee during its term: a licence of the patent (open licences included) overlaps it',
  },
  IP_LICENCE_TERM_INVALID: {
    status: 422,
    zh: '许可期限无效：许可合同须写明起止日期，结束日不早于开始日和今天，且不晚于专利权期限届满日',
    en: 'Invalid licence term: the contract states start and end dates; the end is not before the start or today, nor after the patent expires',
  },
  IP_OPEN_LICENCE_CONFLICT: {
    status: 409,
    zh: '开放许可与独占许可冲突：声明开放许可期间或已取得的开放许可尚在期限内时不能独占许可，独占许可进行中或在期限内、转让进行中时不能声明开放许可',
    en: 'An open licence conflicts with an exclusive licence: none while the patent is declared open or an open licence taken runs, and no declaration while an exclusive licence is in progress or within its term or a transfer is in progress',
  },
  IP_LISTING_DUPLICATE: {
    status: 409,
    zh: '本企业已挂牌该专利的同类交易（审核中或展示中）',
    en: 'Your enterprise already has a listing of this kind for the patent (in review or published)',
  },
  IP_LISTING_NOT_SUBMITTED: {
    status: 409,
    zh: '该挂牌已审核或已撤回，请刷新',
    en: 'The listing was already reviewed or withdrawn; reload',
  },
  IP_LISTING_NOT_LIVE: { status: 409, zh: '该挂牌已撤回或已结束', en: 'The listing was withdrawn or has ended' },
  IP_LISTING_NOT_PUBLISHED: { status: 409, zh: '该挂牌未在展示中，不能报价', en: 'The listing is not on show; no offers are taken' },
  IP_OFFER_NOT_ALLOWED: {
    status: 403,
    zh: '质押融资挂牌只接受金融机构报价；转让和许可挂牌只接受其他企业报价',
    en: 'Pledge listings take offers from banks only; transfer and licence listings from other enterprises only',
  },
  IP_OFFER_ALREADY_OPEN: {
    status: 409,
    zh: '您对该挂牌已有进行中的报价，请在原洽谈中继续',
    en: 'You already have an open offer on this listing; continue in its thread',
  },
  IP_OFFER_NOT_OPEN: { status: 409, zh: '该报价已接受、拒绝或撤回，请刷新', en: 'The offer was accepted, declined or withdrawn; reload' },
  IP_OFFER_NOT_YOUR_TURN: {
    status: 409,
    zh: '正在等待对方答复，您不能接受或拒绝自己的报价',
    en: 'The other side has to answer; you cannot accept or decline your own proposal',
  },
  IP_DEAL_NOT_IN_PROGRESS: { status: 409, zh: '该交易已完成或已取消', en: 'The deal was completed or cancelled' },
  IP_CONTRACT_INVALID: {
    status: 422,
    zh: '合同文件须为本人上传的附件（PDF、Word 或图片，不超过 20 MB）',
    en: 'The contract must be a file you uploaded as an attachment (PDF, Word or an image, up to 20 MB)',
  },
  IP_OPEN_LICENCE_ALREADY_DECLARED: {
    status: 409,
    zh: '该专利已有有效的开放许可声明',
    en: 'The patent is already declared open for licensing',
  },
  IP_OPEN_LICENCE_NOT_ACTIVE: {
    status: 409,
    zh: '该开放许可声明已撤回、已结束或不在有效期内',
    en: 'The open-licence declaration was withdrawn, has ended or is outside its validity',
  },
  IP_OPEN_LICENCE_ALREADY_TAKEN: { status: 409, zh: '本企业已取得该开放许可', en: 'Your enterprise already holds this licence' },
  IP_OPEN_LICENCE_OWN_PATENT: { status: 409, zh: '不能许可自己的专利', en: 'You cannot take a licence of your own patent' },
  IP_OPEN_LICENCE_AMOUNT: {
    status: 422,
    zh: '付款金额不能低于声明的许可使用费',
    en: 'The payment is below the declared licence fee',
  },
  IP_OPEN_LICENCE_VALIDITY: {
    status: 422,
    zh: '有效期须从今天或以后开始，截止日不早于起始日、不晚于专利届满',
    en: 'The validity must start today or later and end after it starts',
  },
});

/** Constraint names of the migration's guards and indexes → the same codes the services' own checks throw. */
const BY_CONSTRAINT: Record<string, string> = {
  ip_patent_not_in_force: IpErrors.IP_PATENT_NOT_IN_FORCE,
  ip_seller_not_owner: IpErrors.IP_NOT_PATENT_OWNER,
  ip_deals_one_exclusive_in_progress: IpErrors.IP_EXCLUSIVE_DEAL_CONFLICT,
  ip_deals_one_pledge_in_progress: IpErrors.IP_PLEDGE_IN_PROGRESS,
  ip_exclusive_licence_exists: IpErrors.IP_EXCLUSIVE_LICENCE_EXISTS,
  ip_licence_term_required: IpErrors.IP_LICENCE_TERM_INVALID,
  ip_exclusive_licence_overlap: IpErrors.IP_EXCLUSIVE_LICENCE_OVERLAP,
  ip_deals_licence_term: IpErrors.IP_LICENCE_TERM_INVALID,
  ip_open_licence_conflict: IpErrors.IP_OPEN_LICENCE_CONFLICT,
  ip_listings_one_live_per_kind: IpErrors.IP_LISTING_DUPLICATE,
  ip_open_licences_one_active: IpErrors.IP_OPEN_LICENCE_ALREADY_DECLARED,
  ip_open_licence_not_active: IpErrors.IP_OPEN_LICENCE_NOT_ACTIVE,
  ip_open_licence_takes_once: IpErrors.IP_OPEN_LICENCE_ALREADY_TAKEN,
  ip_open_licence_own_patent: IpErrors.IP_OPEN_LICENCE_OWN_PATENT,
  ip_open_licence_amount: IpErrors.IP_OPEN_LICENCE_AMOUNT,
};

/** Runs a write; a refusal by one of the trading rules in the database becomes its domain error. */
export async function underRules<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const code = BY_CONSTRAINT[pgConstraint(err) ?? ''];
    if (code) throw new AppError(code);
    throw err;
  }
}
