import type { PasswordPolicy } from '../config';
import { newToken } from '../core/ids';
import { passwordProblems } from '../core/passwords';
import { ROLE_LABELS, type AdminRole, type Role, type Scope } from '../core/roles';
import { UNITS, UNIT_KEYS, type UnitKey } from './catalogue';

/** A demo account the startup prints, so an evaluator can sign in as each role. */
export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  /** The role as people say it (群众, 受理员/派单员 …). */
  roleLabel: string;
  /** What is worth clicking first with this account. */
  tryFirst: string;
}

export interface AccountSpec {
  username: string;
  password: string;
  displayName: string;
  phone: string | null;
  /** Key of the organisation the person belongs to: a party organisation or a unit (`unit:wuye`). */
  orgKey: string;
  role: Role | AdminRole;
  scope: Scope;
  /** Printed accounts may sign in straight away; the other staff only carry the workload. */
  printed: boolean;
  tryFirst: string;
}

const ADMIN_ROLE_SET: ReadonlySet<string> = new Set<AdminRole>(['sysadmin', 'secadmin', 'auditadmin']);
export const isAdminRole = (role: Role | AdminRole): role is AdminRole => ADMIN_ROLE_SET.has(role);

const printed = (spec: Omit<AccountSpec, 'printed' | 'scope'> & { scope?: Scope }): AccountSpec => ({
  scope: 'org',
  ...spec,
  printed: true,
});

/** One account per role. The passwords are public (they are in this file): demo use only. */
export const PRINTED_ACCOUNTS: readonly AccountSpec[] = [
  printed({
    username: 'masses',
    password: 'Qunzhong#2026',
    displayName: '周晓梅',
    phone: '13905816627',
    orgKey: 'committee',
    role: 'masses',
    tryFirst: '手机端「我的诉求」看本人诉求的办理进度；用下面的受理编号和查询码在「进度查询」里查看答复并评价',
  }),
  printed({
    username: 'member',
    password: 'Dangyuan#2026',
    displayName: '陈立新',
    phone: '13857162093',
    orgKey: 'organs1',
    role: 'member',
    tryFirst: '以党员身份在手机端提交一件「党员服务」诉求，再到「我的诉求」跟踪进度',
  }),
  printed({
    username: 'handler',
    password: 'Chengban#2026',
    displayName: UNITS.wuye.handlers[0],
    phone: '13767031458',
    orgKey: 'unit:wuye',
    role: 'handler',
    tryFirst: '物业管理中心的承办人：工作台「待签收」签收一件，联系群众后填写答复；留意「即将超期」和「督办」',
  }),
  printed({
    username: 'unithead',
    password: 'Fuzeren#2026',
    displayName: UNITS.wuye.head,
    phone: '13588420716',
    orgKey: 'unit:wuye',
    role: 'unit_head',
    tryFirst: '物业管理中心负责人：看本单位在办和超期的诉求，对派错的申请退单，对办不完的申请延期',
  }),
  printed({
    username: 'dispatcher',
    password: 'Paidan#2026',
    displayName: '王雅琴',
    phone: '13606527384',
    orgKey: 'unit:dangqun',
    role: 'dispatcher',
    scope: 'subtree',
    tryFirst: '工作台「待派单」把一件诉求派给承办单位；「待审核」里审核退单、延期申请和答复；对「待评价」的做电话回访',
  }),
  printed({
    username: 'leader',
    password: 'Lingdao#2026',
    displayName: '孙国栋',
    phone: '13957130642',
    orgKey: 'committee',
    role: 'leader',
    scope: 'subtree',
    tryFirst: '数据看板：各承办单位三率排名（信息中心办得最快，后勤保障部超期和不满意最多），对超期件督办',
  }),
  printed({
    username: 'organizer',
    password: 'Dangqun#2026',
    displayName: '林晓燕',
    phone: '13868025937',
    orgKey: 'committee',
    role: 'organizer',
    scope: 'subtree',
    tryFirst: '党群工作部：发起问卷调查、听证会和典型评选，组织年度民主评议党员，查看结果',
  }),
  printed({
    username: 'sysadmin',
    password: 'Xitong#Admin2026',
    displayName: '系统管理员',
    phone: '13732290815',
    orgKey: 'unit:xinxi',
    role: 'sysadmin',
    tryFirst: '账号管理、工作日历（节假日与调休）和诉求设置（演示数据开启了「答复审核」）',
  }),
  printed({
    username: 'secadmin',
    password: 'Anquan#Admin2026',
    displayName: '安全管理员',
    phone: '13819476203',
    orgKey: 'unit:xinxi',
    role: 'secadmin',
    tryFirst: '给账号授予业务角色和管理范围（三员分立：系统管理员不能授权）；更正投票中评选的冻结名单（投票名单更正）',
  }),
  printed({
    username: 'auditadmin',
    password: 'Shenji#Admin2026',
    displayName: '审计管理员',
    phone: '13676058912',
    orgKey: 'unit:xinxi',
    role: 'auditadmin',
    tryFirst: '审计日志：查看演示数据写入的记录，并校验审计链完整',
  }),
];

/** Further dispatchers and every unit's staff, so the workload spreads as in a real dispatch centre. */
function staffAccounts(): AccountSpec[] {
  const staff = (username: string, displayName: string, orgKey: string, role: Role, scope: Scope = 'org'): AccountSpec => ({
    username,
    // Nobody is meant to sign in as these: an unguessable password, to be reset by the system admin.
    password: `${newToken()}aA1#`,
    displayName,
    phone: null,
    orgKey,
    role,
    scope,
    printed: false,
    tryFirst: '',
  });
  const accounts = [
    staff('dispatch02', '刘佳', 'unit:dangqun', 'dispatcher', 'subtree'),
    staff('dispatch03', '何晓东', 'unit:dangqun', 'dispatcher', 'subtree'),
  ];
  for (const key of UNIT_KEYS) {
    const unit = UNITS[key];
    if (key !== 'wuye') {
      accounts.push(staff(`${key}.head`, unit.head, `unit:${key}`, 'unit_head'));
    }
    unit.handlers.forEach((name, index) => {
      if (key !== 'wuye' || index > 0) {
        accounts.push(staff(`${key}${String(index + 1).padStart(2, '0')}`, name, `unit:${key}`, 'handler'));
      }
    });
  }
  return accounts;
}

export const allAccountSpecs = (): AccountSpec[] => [...PRINTED_ACCOUNTS, ...staffAccounts()];

/** The usernames of a unit's workers, for the workflow driver. */
export interface UnitStaff {
  head: string;
  handlers: string[];
}

export function unitStaff(specs: readonly AccountSpec[]): Record<UnitKey, UnitStaff> {
  const result = Object.fromEntries(UNIT_KEYS.map((key) => [key, { head: '', handlers: [] as string[] }])) as Record<UnitKey, UnitStaff>;
  for (const spec of specs) {
    if (!spec.orgKey.startsWith('unit:')) {
      continue;
    }
    const staff = result[spec.orgKey.slice('unit:'.length) as UnitKey];
    if (spec.role === 'unit_head') {
      staff.head = spec.username;
    } else if (spec.role === 'handler') {
      staff.handlers.push(spec.username);
    }
  }
  return result;
}

/** Fails early when the installation's password policy is stricter than the demo passwords. */
export function checkDemoPasswords(policy: PasswordPolicy): void {
  for (const spec of PRINTED_ACCOUNTS) {
    const problems = passwordProblems(policy, spec.username, spec.password, isAdminRole(spec.role));
    if (problems.length > 0) {
      throw new Error(`演示账号 ${spec.username} 的密码不符合当前密码策略：${problems.join('；')}`);
    }
  }
}

export const presentAccount = (spec: AccountSpec): DemoAccount => ({
  username: spec.username,
  password: spec.password,
  displayName: spec.displayName,
  roleLabel: ROLE_LABELS[spec.role],
  tryFirst: spec.tryFirst,
});
