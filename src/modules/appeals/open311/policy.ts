import { definePolicy, publicAccess } from '../../../core/policy';

/**
 * Open311 GeoReport v2 (shared/domain/appeals.md §7). Every resource is public; creating a request
 * needs an api_key, which the route checks itself so that a refusal comes back in the spec's error form.
 */
export const open311Policy = definePolicy('open311', {
  discovery: publicAccess(),
  services: publicAccess(),
  requests: publicAccess(),
  tokens: publicAccess(),
  submit: publicAccess(),
});
