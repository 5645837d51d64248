import type { Actor } from '../../core/actor';
import type { Role } from '../../core/roles';

/**
 * Who runs an organisation's consultations: its party-masses workers (党群工作者), within the
 * organisations their role reaches. Leaders see results but do not run them.
 */
export const CONSULT_MANAGER_ROLES: Role[] = ['organizer'];

export const canManageConsultation = (actor: Actor, orgId: string): boolean => actor.reaches(CONSULT_MANAGER_ROLES, orgId);
