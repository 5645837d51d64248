import type { Actor } from './actor';
import { deniedForbidden, deniedNotFound } from './errors';
import type { AdminRole, Role } from './roles';

/**
 * Declarative access rules, one registry for all modules. A route names its rule in `config.policy`;
 * the server refuses routes without one (deny by default).
 *
 * - public: anyone, signed in or not;
 * - actor: decided by who the actor is (role, admin role) before anything is loaded;
 * - record: decided on the loaded record. `visible` false answers 404 (the record's existence stays
 *   hidden), `allow` false answers 403.
 */
export type Rule<R = unknown> =
  | { kind: 'public' }
  | { kind: 'actor'; allow: (actor: Actor) => boolean }
  | { kind: 'record'; visible: (actor: Actor, record: R) => boolean; allow: (actor: Actor, record: R) => boolean };

const registry = new Map<string, Rule<any>>();

export const publicAccess = (): Rule => ({ kind: 'public' });
export const signedIn = (): Rule => ({ kind: 'actor', allow: () => true });
export const withRole = (...roles: Role[]): Rule => ({ kind: 'actor', allow: (actor) => actor.hasRole(...roles) });
export const adminOnly = (...roles: AdminRole[]): Rule => ({
  kind: 'actor',
  allow: (actor) => actor.adminRole !== null && roles.includes(actor.adminRole),
});

export function definePolicy<R, K extends string>(module: string, rules: Record<K, Rule<R>>): Record<K, string> {
  const names = {} as Record<K, string>;
  for (const [key, rule] of Object.entries(rules) as [K, Rule<R>][]) {
    const name = `${module}.${key}`;
    registry.set(name, rule);
    names[key] = name;
  }
  return names;
}

export function getRule(name: string): Rule<any> | undefined {
  return registry.get(name);
}

/** Throws 404 when the record is outside what the actor may see, 403 when they see it but may not act. */
export function authorize<R>(actor: Actor, ruleName: string, record: R): void {
  const rule = registry.get(ruleName);
  if (!rule) {
    throw deniedForbidden();
  }
  if (rule.kind === 'public') {
    return;
  }
  if (rule.kind === 'actor') {
    if (!rule.allow(actor)) {
      throw deniedForbidden();
    }
    return;
  }
  if (!rule.visible(actor, record)) {
    throw deniedNotFound();
  }
  if (!rule.allow(actor, record)) {
    throw deniedForbidden();
  }
}

export function isAllowed<R>(actor: Actor, ruleName: string, record: R): boolean {
  const rule = registry.get(ruleName);
  if (!rule) {
    return false;
  }
  if (rule.kind === 'public') {
    return true;
  }
  if (rule.kind === 'actor') {
    return rule.allow(actor);
  }
  return rule.visible(actor, record) && rule.allow(actor, record);
}
