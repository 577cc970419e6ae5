import { defineErrors } from '../../platform/errors.ts';

/** Each refused booking says which rule it broke, in both languages. */
export const BookingErrors = defineErrors({
  BOOKING_SLOT_TAKEN: {
    status: 409,
    zh: '该时段与此仪器已确认的预约重叠，请选择其他时段',
    en: 'This slot overlaps a confirmed booking of the instrument; choose another slot',
  },
  BOOKING_STATE_CHANGED: {
    status: 409,
    zh: '该预约的状态已变化（可能已被处理），请刷新后再试',
    en: 'The booking has changed (it may already have been handled); reload and try again',
  },
  BOOKING_ENDS_BEFORE_START: { status: 422, zh: '结束时间必须晚于开始时间', en: 'The slot must end after it starts' },
  BOOKING_IN_PAST: { status: 422, zh: '不能预约已经过去的时段', en: 'The slot lies in the past' },
  BOOKING_TOO_SHORT: { status: 422, zh: '预约时段过短', en: 'The slot is shorter than the minimum' },
  BOOKING_TOO_LONG: { status: 422, zh: '预约时段过长', en: 'The slot is longer than the maximum' },
  BOOKING_OUTSIDE_OPENING_HOURS: {
    status: 422,
    zh: '预约时段不在仪器的开放时间内',
    en: 'The slot falls outside the instrument’s opening hours',
  },
  BOOKING_TRAINING_REQUIRED: {
    status: 422,
    zh: '自主上机须先接受该仪器的培训；未培训时请预约机时（由操作员操作）',
    en: 'Self-service use needs training on this instrument; book an operator-assisted slot instead',
  },
  BOOKING_OPERATOR_REQUIRED: {
    status: 422,
    zh: '该仪器须由操作员操作，不提供自主上机',
    en: 'This instrument is operated by its staff only; self-service is not offered',
  },
  BOOKING_NOT_INSTRUMENT: { status: 422, zh: '只能预约仪器设备或专家咨询', en: 'Only instruments and experts can be booked' },
  BOOKING_MODE_NOT_OFFERED: {
    status: 422,
    zh: '该资源不提供此预约方式：专家只能预约咨询，仪器可自主上机、操作员协助或送样检测',
    en: 'This resource does not offer that mode: experts take consultations; instruments take slots or sample tests',
  },
  TRAINING_NOT_INSTRUMENT: { status: 422, zh: '只有仪器设备需要培训记录', en: 'Training is recorded for instruments only' },
  TRAINING_NOT_FOUND: { status: 404, zh: '该用户没有此仪器的培训记录', en: 'This user has no training record for the instrument' },
  BOOKING_ALREADY_STARTED: {
    status: 422,
    zh: '预约时段已开始，不能再取消',
    en: 'The slot has begun and can no longer be cancelled',
  },
  BOOKING_NOT_CANCELLABLE: { status: 409, zh: '该预约已结束处理，不能取消', en: 'This booking can no longer be cancelled' },
  BOOKING_SLOT_NOT_ENDED: {
    status: 422,
    zh: '预约时段尚未结束，结束后才能登记实际使用情况',
    en: 'Usage can be recorded only after the slot has ended',
  },
  BOOKING_NO_SHOW_TOO_EARLY: {
    status: 422,
    zh: '预约开始后宽限期未过，暂不能登记为爽约',
    en: 'A no-show can be recorded only after the grace period following the start',
  },
  TRAINEE_INVALID: { status: 422, zh: '受训人须为有效的企业用户', en: 'The trainee must be an active enterprise user' },
});
