// The logged-in user's session, the organisation nodes they can see, and what
// they may do where. Permissions are computed from the session's grants the same
// way the server does: a grant covers its node's whole subtree (its path is a
// prefix of the node's path) and the role carries a set of permissions.
import {
  api,
  setCsrfToken,
  type Grant,
  type Org,
  type Permission,
  type Role,
  type RolePermissions,
  type Session,
  type User,
} from './api';

/** The table in docs/api.md; replaced by GET /api/roles when that answers. */
const DEFAULT_PERMISSIONS: Record<Role, Permission[]> = {
  reader: ['read'],
  auditor: ['read', 'audit'],
  contributor: ['read', 'contribute'],
  leader: ['read', 'contribute', 'approve'],
  privacy_officer: ['read', 'contribute', 'manage'],
  security_officer: ['read', 'contribute', 'manage'],
  admin: ['read', 'contribute', 'approve', 'manage', 'administer', 'audit'],
};

const ORG_KEY = 'varde.org';

/** True when the node at `path` lies in the subtree rooted at `ancestor` (or is it). */
export function pathWithin(path: string, ancestor: string): boolean {
  if (path === ancestor) return true;
  if (!ancestor || !path.startsWith(ancestor)) return false;
  // "/1/2" must not cover "/1/23": the prefix has to end at a separator.
  const last = ancestor[ancestor.length - 1];
  const next = path[ancestor.length];
  return /[^\p{L}\p{N}_-]/u.test(last) || /[^\p{L}\p{N}_-]/u.test(next);
}

function readStoredOrg(): number | null {
  try {
    const v = Number(localStorage.getItem(ORG_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

class SessionState {
  user = $state<User | null>(null);
  grants = $state<Grant[]>([]);
  orgs = $state<Org[]>([]);
  permissions = $state<Record<string, Permission[]>>({ ...DEFAULT_PERMISSIONS });
  currentOrgId = $state<number | null>(readStoredOrg());
  /** Set when a request answered 401 after login (the session ended). */
  expired = $state(false);

  orgById = $derived(new Map(this.orgs.map((o) => [o.id, o])));
  currentOrg = $derived(this.currentOrgId !== null ? (this.orgById.get(this.currentOrgId) ?? null) : null);

  get loggedIn(): boolean {
    return this.user !== null;
  }

  async start(session: Session): Promise<void> {
    setCsrfToken(session.csrf_token);
    this.expired = false;
    this.grants = session.grants ?? session.user.grants ?? [];
    this.user = session.user;
    await Promise.all([this.loadOrgs(), this.loadRoles()]);
  }

  clear(): void {
    setCsrfToken('');
    this.user = null;
    this.grants = [];
    this.orgs = [];
  }

  async loadRoles(): Promise<void> {
    try {
      const roles: RolePermissions[] = await api.roles();
      if (Array.isArray(roles) && roles.length) {
        const map: Record<string, Permission[]> = {};
        for (const r of roles) map[r.role] = r.permissions;
        this.permissions = map;
      }
    } catch {
      /* keep the documented defaults */
    }
  }

  async loadOrgs(): Promise<void> {
    const orgs = await api.orgs();
    orgs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.orgs = orgs;
    this.ensureCurrentOrg();
  }

  /** Replaces one node in the list (after an edit) without refetching. */
  replaceOrg(org: Org): void {
    this.orgs = this.orgs.map((o) => (o.id === org.id ? org : o));
  }

  private ensureCurrentOrg(): void {
    if (this.currentOrgId !== null && this.orgById.has(this.currentOrgId)) return;
    const home = this.user?.home_org?.id;
    const candidates = [home, ...this.grants.map((g) => g.org.id), this.orgs[0]?.id];
    const pick = candidates.find((id) => id !== undefined && this.orgById.has(id)) ?? null;
    this.currentOrgId = pick;
  }

  setCurrentOrg(id: number): void {
    this.currentOrgId = id;
    try {
      localStorage.setItem(ORG_KEY, String(id));
    } catch {
      /* storage unavailable */
    }
  }

  /** May the user do `permission` at the node with this path? */
  can(permission: Permission, org: Pick<Org, 'path'> | null | undefined): boolean {
    if (!org) return false;
    return this.grants.some(
      (g) => pathWithin(org.path, g.org.path) && (this.permissions[g.role] ?? []).includes(permission),
    );
  }

  /** Does any grant carry this permission (somewhere in the tree)? */
  canAnywhere(permission: Permission): boolean {
    return this.grants.some((g) => (this.permissions[g.role] ?? []).includes(permission));
  }

  /** Depth of a node in the visible tree (0 for nodes whose parent is not visible). */
  depth(org: Org): number {
    let d = 0;
    let p = org.parent_id !== null ? this.orgById.get(org.parent_id) : undefined;
    while (p) {
      d++;
      p = p.parent_id !== null ? this.orgById.get(p.parent_id) : undefined;
    }
    return d;
  }

  /** The chain of visible nodes from the top down to org (inclusive). */
  ancestry(org: Org): Org[] {
    const chain: Org[] = [org];
    let p = org.parent_id !== null ? this.orgById.get(org.parent_id) : undefined;
    while (p) {
      chain.unshift(p);
      p = p.parent_id !== null ? this.orgById.get(p.parent_id) : undefined;
    }
    return chain;
  }
}

export const session = new SessionState();
