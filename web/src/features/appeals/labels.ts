import type { AppealAction, AppealState, AppealType, InboxBox, KpiFilter, RejectReason, Satisfaction, Urgency } from './types';

/** Chinese labels, the same words the server uses (stateMachine.ts, schemas.ts, settings.ts). */
export const STATE_LABELS: Record<AppealState, string> = {
  received: '待派单',
  dispatched: '待签收',
  return_requested: '退单申请中',
  signed: '已签收',
  in_progress: '办理中',
  extension_requested: '延期申请中',
  review: '答复审核中',
  callback: '待评价',
  closed: '已办结',
  rejected: '不予受理',
  merged: '已并单',
};

export const ACTION_LABELS: Record<AppealAction, string> = {
  dispatch: '派单',
  reject: '不予受理',
  answer: '直接答复',
  merge: '并单',
  sign: '签收',
  requestReturn: '申请退单',
  approveReturn: '同意退单并改派',
  denyReturn: '驳回退单',
  contact: '联系群众',
  requestExtension: '申请延期',
  approveExtension: '批准延期',
  denyExtension: '驳回延期',
  reply: '答复',
  sendBack: '退回重办',
  acceptReply: '审核通过',
  rate: '回访评价',
  supervise: '督办',
};

export const APPEAL_TYPE_LABELS: Record<AppealType, string> = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
};

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  emergency_transfer: '属紧急事项，已转110/119/120/122',
  other_legal_route: '应通过诉讼、仲裁、复议等法定途径解决',
  non_compliant: '诉求不合规或涉及他人隐私',
  malicious: '恶意骚扰',
  out_of_scope: '不属于本平台受理范围',
};

export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '加急', emergency: '特急' };

export const BOX_LABELS: Record<InboxBox, string> = {
  to_dispatch: '待派单',
  to_sign: '待签收',
  in_progress: '办理中',
  to_review: '待审核',
  near_due: '即将超期',
  overdue: '已超期',
  supervised: '督办件',
  closed: '已办结',
  all: '全部',
};

export const KPI_FILTER_LABELS: Record<KpiFilter, string> = {
  responded: '已按时响应',
  not_responded: '未按时响应',
  rated: '已评价',
  resolved: '已解决',
  unresolved: '未解决',
  satisfied: '满意',
  unsatisfied: '不满意',
};

/** kebab-case of an action key, as in the URL `POST /api/appeals/:id/<action>` and the test ids. */
export const actionSlug = (action: AppealAction): string => action.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
