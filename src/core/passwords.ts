import { hash, verify } from '@node-rs/argon2';
import type { PasswordPolicy } from '../config';

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'qwerty123',
  'abc12345',
  'abcd1234',
  'admin123',
  'admin@123',
  'a1234567',
  'aa123456',
  'qwe123456',
  '1qaz2wsx',
  '1qaz@wsx',
  'zxcvbnm123',
  'iloveyou1',
  'woaini1314',
  'p@ssword1',
]);

/** Problems with a new password under the configured policy (DB-01); empty when it is acceptable. */
export function passwordProblems(policy: PasswordPolicy, username: string, password: string, isAdmin: boolean): string[] {
  const problems: string[] = [];
  const minLength = isAdmin ? policy.adminMinLength : policy.minLength;
  if ([...password].length < minLength) {
    problems.push(`密码长度至少 ${minLength} 位`);
  }
  if ([...password].length > 128) {
    problems.push('密码长度不能超过 128 位');
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (classes < policy.minClasses) {
    problems.push(`密码需包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`);
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('密码不能包含用户名');
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    problems.push('密码过于常见');
  }
  return problems;
}
