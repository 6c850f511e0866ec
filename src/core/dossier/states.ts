import { z } from 'zod';
import type { Role } from '../api/auth.ts';

/** Dossier states, in the order and with the numbers of the national public service portal (TrangThaiHoSo). */
export const DossierStatus = z.enum([
  'new',
  'received',
  'refused',
  'processing',
  'supplement_requested',
  'awaiting_payment',
  'withdrawn',
  'stopped',
  'processed',
  'returned',
]);
export type DossierStatus = z.infer<typeof DossierStatus>;

export const STATUS_INFO: Record<DossierStatus, { portalCode: string; label: string; terminal: boolean }> = {
  new: { portalCode: '1', label: 'Mới đăng ký', terminal: false },
  received: { portalCode: '2', label: 'Đã tiếp nhận', terminal: false },
  refused: { portalCode: '3', label: 'Không được tiếp nhận', terminal: true },
  processing: { portalCode: '4', label: 'Đang xử lý', terminal: false },
  supplement_requested: { portalCode: '5', label: 'Yêu cầu bổ sung hồ sơ', terminal: false },
  awaiting_payment: { portalCode: '6', label: 'Chờ thực hiện nghĩa vụ tài chính', terminal: false },
  withdrawn: { portalCode: '7', label: 'Công dân rút hồ sơ', terminal: true },
  stopped: { portalCode: '8', label: 'Dừng xử lý', terminal: true },
  processed: { portalCode: '9', label: 'Đã xử lý xong', terminal: false },
  returned: { portalCode: '10', label: 'Đã trả kết quả', terminal: true },
};

export const Channel = z.enum(['in_person', 'online', 'post']);
export type Channel = z.infer<typeof Channel>;

export const CHANNEL_INFO: Record<Channel, { portalCode: string; label: string }> = {
  in_person: { portalCode: '1', label: 'Trực tiếp' },
  online: { portalCode: '2', label: 'Trực tuyến' },
  post: { portalCode: '3', label: 'Qua bưu chính công ích' },
};

export const DossierAction = z.enum([
  'receive',
  'refuse',
  'start_processing',
  'request_supplement',
  'supplement_received',
  'request_payment',
  'payment_received',
  'withdraw',
  'stop',
  'finish',
  'return_result',
  'apologise',
]);
export type DossierAction = z.infer<typeof DossierAction>;

interface Transition {
  from: readonly DossierStatus[];
  /** 'unchanged': the action is recorded but the dossier stays where it is (the apology letter). */
  to: DossierStatus | 'unchanged';
  roles: readonly Role[];
  /** The action needs a written reason (it goes on the slip the citizen gets). */
  needsReason: boolean;
  label: string;
}

const DESK: readonly Role[] = ['officer', 'admin'];
const WORK: readonly Role[] = ['processor', 'officer', 'admin'];

export const TRANSITIONS: Record<DossierAction, Transition> = {
  receive: { from: ['new'], to: 'received', roles: DESK, needsReason: false, label: 'Tiếp nhận' },
  refuse: {
    from: ['new', 'received'],
    to: 'refused',
    roles: DESK,
    needsReason: true,
    label: 'Từ chối tiếp nhận',
  },
  start_processing: {
    from: ['received'],
    to: 'processing',
    roles: WORK,
    needsReason: false,
    label: 'Chuyển xử lý',
  },
  request_supplement: {
    from: ['new', 'received', 'processing'],
    to: 'supplement_requested',
    roles: WORK,
    needsReason: true,
    label: 'Yêu cầu bổ sung',
  },
  supplement_received: {
    from: ['supplement_requested'],
    to: 'processing',
    roles: WORK,
    needsReason: false,
    label: 'Đã nhận bổ sung',
  },
  request_payment: {
    from: ['processing'],
    to: 'awaiting_payment',
    roles: WORK,
    needsReason: true,
    label: 'Yêu cầu nộp phí, thuế',
  },
  payment_received: {
    from: ['awaiting_payment'],
    to: 'processing',
    roles: WORK,
    needsReason: false,
    label: 'Đã nộp phí, thuế',
  },
  withdraw: {
    from: ['new', 'received', 'processing', 'supplement_requested', 'awaiting_payment'],
    to: 'withdrawn',
    roles: DESK,
    needsReason: true,
    label: 'Công dân rút hồ sơ',
  },
  stop: {
    from: ['received', 'processing', 'supplement_requested', 'awaiting_payment'],
    to: 'stopped',
    roles: WORK,
    needsReason: true,
    label: 'Dừng xử lý',
  },
  finish: {
    from: ['received', 'processing'],
    to: 'processed',
    roles: WORK,
    needsReason: false,
    label: 'Hoàn thành xử lý',
  },
  return_result: {
    from: ['processed'],
    to: 'returned',
    roles: DESK,
    needsReason: false,
    label: 'Trả kết quả',
  },
  // Nghị định 61/2018 Điều 19: a dossier that will be late gets a letter with the reason and a new date.
  apologise: {
    from: ['received', 'processing', 'supplement_requested', 'awaiting_payment'],
    to: 'unchanged',
    roles: WORK,
    needsReason: true,
    label: 'Xin lỗi, hẹn lại ngày trả',
  },
};

/** States in which the dossier is received and not yet finished: it counts against its due date. */
export const OPEN_STATES: readonly DossierStatus[] = [
  'received',
  'processing',
  'supplement_requested',
  'awaiting_payment',
];

export type TransitionCheck =
  | { ok: true; to: DossierStatus }
  | { ok: false; error: 'invalid_transition' | 'forbidden_role' | 'reason_required'; message: string };

/** Whether an action may be taken from a state by a role; the message is for the officer. */
export function checkTransition(
  status: DossierStatus,
  action: DossierAction,
  role: Role,
  reason?: string,
): TransitionCheck {
  const t = TRANSITIONS[action];
  if (!t.roles.includes(role)) {
    return {
      ok: false,
      error: 'forbidden_role',
      message: `Vai trò của bạn không được thực hiện "${t.label}"`,
    };
  }
  if (!t.from.includes(status)) {
    return {
      ok: false,
      error: 'invalid_transition',
      message: `Không thể "${t.label}" khi hồ sơ đang ở trạng thái "${STATUS_INFO[status].label}"`,
    };
  }
  if (t.needsReason && !reason?.trim()) {
    return {
      ok: false,
      error: 'reason_required',
      message: `Vui lòng nêu lý do khi "${t.label.toLowerCase()}"`,
    };
  }
  return { ok: true, to: t.to === 'unchanged' ? status : t.to };
}

/** Actions open to a role from a state, for the work screen's buttons. */
export function availableActions(status: DossierStatus, role: Role): DossierAction[] {
  return DossierAction.options.filter(
    (a) => TRANSITIONS[a].from.includes(status) && TRANSITIONS[a].roles.includes(role),
  );
}
