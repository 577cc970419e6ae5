/**
 * Bilingual messages for validation codes that our own schemas raise (zod's built-in
 * issues are translated with zod's locales on the server). Keys are used as the
 * `message` of custom zod issues and as `code` in field errors.
 */
export const validationMessages = {
  credit_code_invalid: {
    zh: '统一社会信用代码无效（18位，末位校验码不符合 GB 32100-2015）',
    en: 'Invalid unified social credit code (18 characters, check character per GB 32100-2015)',
  },
  industry_code_invalid: {
    zh: '行业代码应为 GB/T 4754 门类字母加 2–4 位数字，如 C3872',
    en: 'Industry code must be a GB/T 4754 section letter and 2–4 digits, e.g. C3872',
  },
  password_too_short: { zh: '密码至少 8 个字符', en: 'Password must be at least 8 characters' },
  password_too_long: { zh: '密码不能超过 128 个字符', en: 'Password must be at most 128 characters' },
  password_too_few_classes: {
    zh: '密码需包含大写字母、小写字母、数字、符号中的至少 3 类',
    en: 'Password needs at least 3 of: lower case, upper case, digits, symbols',
  },
  password_too_common: { zh: '密码过于常见，请换一个', en: 'This password is too common' },
  username_invalid: {
    zh: '用户名为 3–32 位字母、数字、下划线或连字符，以字母开头',
    en: 'Username: 3–32 letters, digits, _ or -, starting with a letter',
  },
  two_factor_code_invalid: {
    zh: '请输入验证器上的 6 位数字，或一个恢复码（如 ab3d-7kxz）',
    en: 'Enter the 6 digits from the authenticator app, or a recovery code (like ab3d-7kxz)',
  },
  phone_invalid: { zh: '手机号码格式不正确', en: 'Invalid mobile phone number' },
  role_binding_invalid: {
    zh: '该角色需绑定对应的镇街、机构或企业',
    en: 'This role must be bound to its town, institution or enterprise',
  },
  year_invalid: { zh: '年份超出范围', en: 'Year out of range' },
  rd_staff_exceeds_employees: { zh: '研发人员数不能超过从业人员数', en: 'R&D staff cannot exceed employees' },
  booking_slot_required: { zh: '预约时段需填写开始和结束时间', en: 'A slot booking needs a start and an end' },
  booking_sample_count_required: { zh: '送样检测需填写样品数量', en: 'A sample test needs the number of samples' },
  booking_no_slot_for_sample: { zh: '送样检测不占用时段，请勿填写时间', en: 'A sample test takes no time slot' },
  range_invalid: { zh: '区间无效：最小值不能大于最大值', en: 'Invalid range: the minimum cannot exceed the maximum' },
  time_invalid: { zh: '时间格式应为 HH:mm（00:00–24:00）', en: 'Time must be HH:mm (00:00–24:00)' },
  interval_invalid: { zh: '时间段的结束须晚于开始', en: 'An interval must end after it starts' },
  usage_hours_or_minutes: { zh: '请填写使用时长：小时或分钟二选一', en: 'Give the time used in hours or in minutes (one of them)' },
  training_user_required: { zh: '请指定受训人：用户 ID 或用户名二选一', en: 'Name the trainee by user id or by username (one of them)' },
  sharing_period_invalid: {
    zh: '统计区间无效（截止日不早于起始日，最长 731 天）',
    en: 'Invalid period (to on or after from, at most 731 days)',
  },
  sharing_level_id_required: { zh: '请选择镇街、机构或仪器', en: 'Choose the town, institution or instrument' },
  purchase_budget_positive: { zh: '预算须大于 0', en: 'The budget must be more than 0' },
  calendar_range_invalid: { zh: '查询区间无效（结束须晚于开始，最长 93 天）', en: 'Invalid range (end after start, at most 93 days)' },
  amount_not_a_number: { zh: '金额须为数字（单位：分）', en: 'The amount must be a number of fen' },
  amount_not_whole_fen: { zh: '金额须为整数分', en: 'The amount must be a whole number of fen' },
  amount_not_positive: { zh: '金额须大于 0', en: 'The amount must be more than 0' },
  amount_too_large: { zh: '金额超出允许的上限', en: 'The amount is above the allowed maximum' },
  window_ends_before_start: { zh: '申报期结束日期不能早于开始日期', en: 'The application window must end after it starts' },
  cap_above_budget: { zh: '单个企业上限不能高于计划总预算', en: 'The cap per enterprise cannot exceed the budget' },
  providers_required: { zh: '请至少指定一个服务机构', en: 'Name at least one provider' },
  period_invalid: { zh: '结束日期不能早于开始日期', en: 'The end date must not be before the start date' },
  not_a_number: { zh: '请填写数字', en: 'Enter a number' },
  duplicate_target: { zh: '同一年份（同一镇街）只能有一个目标值', en: 'One target per year (and town) only' },
  indicator_code_invalid: {
    zh: '指标代码须以小写字母开头，只含小写字母、数字和下划线（2–60 位）',
    en: 'An indicator code starts with a lower-case letter and has only a–z, 0–9 and _ (2–60 characters)',
  },
  funding_year_invalid: { zh: '请填写年份（2000–2100）', en: 'Enter a year (2000–2100)' },
  funding_vouchers_computed: {
    zh: '创新券资金由创新券台账自动统计，无需录入',
    en: 'Voucher funding is computed from the vouchers ledger, not recorded by hand',
  },
  town_code_invalid: { zh: '镇街代码须为 6–12 位数字', en: 'A town code has 6–12 digits' },
  patent_application_number_format: {
    zh: '专利申请号格式不正确，应如 202110123456.7（年份4位+种类1位+流水号7位+校验位）或旧号 93123456.7',
    en: 'Invalid patent application number; expected e.g. 202110123456.7 (4-digit year, kind, 7-digit serial, check) or old 93123456.7',
  },
  patent_application_number_check_digit: {
    zh: '专利申请号校验位错误或缺失',
    en: 'The check character of the patent application number is wrong or missing',
  },
  patent_application_number_kind: {
    zh: '专利申请号的种类位应为 1（发明）、2（实用新型）、3（外观设计）、8 或 9（PCT 进入国家阶段）',
    en: 'The kind digit of the application number must be 1 (invention), 2 (utility model), 3 (design), 8 or 9 (PCT national phase)',
  },
  patent_application_number_year: {
    zh: '专利申请号中的年份不在有效范围内',
    en: 'The year in the patent application number is out of range',
  },
  patent_publication_number_format: {
    zh: '公开（公告）号格式不正确，应如 CN112345678A（CN+9位或7位数字+文献种类代码）',
    en: 'Invalid publication number; expected e.g. CN112345678A (CN, 9 or 7 digits, kind code)',
  },
  patent_publication_number_kind: {
    zh: '文献种类代码与号码不符（1 开头为发明 A/B/C，2 开头为实用新型 U/Y，3 开头为外观设计 S/D）',
    en: 'The kind code does not fit the number (1… invention A/B/C, 2… utility model U/Y, 3… design S/D)',
  },
  ipc_empty: { zh: '请填写 IPC 分类号', en: 'Enter an IPC code' },
  ipc_section: { zh: 'IPC 分类号应以部的字母 A–H 开头', en: 'An IPC code starts with a section letter A–H' },
  ipc_class: { zh: 'IPC 部之后应为 2 位数字的大类，如 F21', en: 'The section letter is followed by a 2-digit class, e.g. F21' },
  ipc_subclass: { zh: 'IPC 大类之后应为 1 个小类字母，如 F21V', en: 'The class is followed by a subclass letter, e.g. F21V' },
  ipc_main_group: {
    zh: 'IPC 小类之后应为 1–4 位数字的大组，如 F21V 29',
    en: 'The subclass is followed by a 1–4 digit main group, e.g. F21V 29',
  },
  ipc_slash: { zh: 'IPC 大组之后应为斜杠 /', en: 'The main group is followed by a slash /' },
  ipc_subgroup: { zh: 'IPC 斜杠之后应为 2–6 位数字的小组，如 29/70', en: 'The slash is followed by a 2–6 digit subgroup, e.g. 29/70' },
  ipc_trailing: { zh: 'IPC 分类号末尾有多余字符', en: 'Unexpected characters after the IPC code' },
  locarno_invalid: {
    zh: '洛迦诺分类应为 2 位大类或“大类-小类”，如 26 或 26-05',
    en: 'A Locarno class is 2 digits or class-subclass, e.g. 26 or 26-05',
  },
  locarno_format: {
    zh: '洛迦诺分类号应为“大类-小类”各 2 位数字，如 26-05',
    en: 'A Locarno class is class-subclass, 2 digits each, e.g. 26-05',
  },
  locarno_class: { zh: '洛迦诺大类应为 01–32（或 99）', en: 'The Locarno class must be 01–32 (or 99)' },
  patent_import_required: { zh: '此项必填', en: 'This field is required' },
  patent_import_too_long: { zh: '内容过长', en: 'The value is too long' },
  patent_import_kind: {
    zh: '专利类型应为 发明 / 实用新型 / 外观设计',
    en: 'The kind must be invention, utility_model or design (发明 / 实用新型 / 外观设计)',
  },
  patent_import_kind_mismatch: {
    zh: '专利类型与申请号（第 5 位类型码）不符',
    en: 'The kind does not match the application number (its kind digit)',
  },
  patent_import_date_format: {
    zh: '日期格式不正确，应如 2021-07-15 或 20210715',
    en: 'Invalid date; expected e.g. 2021-07-15 or 20210715',
  },
  patent_import_publication_before_application: { zh: '公开日早于申请日', en: 'The publication date is before the application date' },
  patent_import_grant_before_application: { zh: '授权公告日早于申请日', en: 'The grant date is before the application date' },
  patent_import_event_before_application: { zh: '法律事件日期早于申请日', en: 'A legal event is dated before the application date' },
  patent_import_legal_status: {
    zh: '法律状态无法识别，应如 审中 / 有权 / 失效 / 期限届满 / 全部无效 / 驳回 / 撤回',
    en: 'Unknown legal status; expected pending, granted, lapsed, expired, invalidated, rejected or withdrawn',
  },
  patent_import_event: {
    zh: '法律事件应为“日期 事件 说明”，事件如 授权、失效、恢复、转让、许可、质押、质押解除、无效、届满',
    en: 'A legal event is "date event note"; events: granted, lapsed, restored, transferred, licensed, pledged, pledge_released, invalidated, expired',
  },
  patent_import_jurisdiction: {
    zh: '外国申请号须注明两位国家/地区代码（如 US）',
    en: 'A foreign application number needs its two-letter office code (e.g. US)',
  },
  patent_import_credit_code: {
    zh: '统一社会信用代码无效（18位，末位校验码不符合 GB 32100-2015）',
    en: 'Invalid unified social credit code (18 characters, check character per GB 32100-2015)',
  },
  patent_import_duplicate: {
    zh: '同一文件中该申请号出现多次',
    en: 'This application number appears more than once in the file',
  },
  ip_decline_note_required: { zh: '选择“其他”时请说明原因', en: 'Explain the reason when choosing “other”' },
  ip_offer_empty: { zh: '请填写报价金额或条件', en: 'Give an amount or terms' },
  ip_price_range: { zh: '价格上限不能低于下限', en: 'The maximum price is below the minimum' },
  ip_validity_order: { zh: '有效期截止日不能早于起始日', en: 'The validity ends before it starts' },
  ip_licence_term_order: { zh: '许可期限的结束日不能早于开始日', en: 'The licence term ends before it starts' },
} as const;
export type ValidationMessageKey = keyof typeof validationMessages;
