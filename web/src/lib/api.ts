// Typed client for the Varde JSON API (docs/api.md). Same origin, cookie session,
// CSRF token on every non-GET request, If-Match on PATCH, RFC 9457 problems as
// ApiError so forms can put each field's message beside its field.

export type OrgKind = 'nation' | 'region' | 'trust' | 'division' | 'unit';
export const ORG_KINDS: OrgKind[] = ['nation', 'region', 'trust', 'division', 'unit'];

export type Role =
  | 'admin'
  | 'security_officer'
  | 'privacy_officer'
  | 'leader'
  | 'contributor'
  | 'reader'
  | 'auditor';
export const ROLES: Role[] = [
  'admin',
  'security_officer',
  'privacy_officer',
  'leader',
  'contributor',
  'reader',
  'auditor',
];

export type Permission = 'read' | 'contribute' | 'approve' | 'manage' | 'administer' | 'audit';

export interface Org {
  id: number;
  parent_id: number | null;
  code: string;
  name: string;
  kind: OrgKind;
  path: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OrgRef {
  id: number;
  code: string;
  name: string;
  path?: string;
}

export interface UserRef {
  id: number;
  username: string;
  display_name: string;
}

export interface Grant {
  id: number;
  user_id: number;
  role: Role;
  leader_level: number | null;
  org: OrgRef & { path: string };
  /** Present on GET /api/orgs/{id}/grants. */
  user?: UserRef;
  /** GET /api/orgs/{id}/grants: the clearance set on the grant (null: the role's default), and the one in effect. */
  clearance?: Classification | null;
  effective_clearance?: Classification;
}

export interface User {
  id: number;
  username: string;
  display_name: string;
  email: string | null;
  home_org: OrgRef;
  disabled: boolean;
  locale: string;
  version: number;
  grants: Grant[];
}

export interface Session {
  user: User;
  grants: Grant[];
  csrf_token: string;
}

export interface RolePermissions {
  role: Role;
  permissions: Permission[];
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  org_id: number | null;
  before: unknown;
  after: unknown;
  hash: string;
}

// Commissioning documents and reporting (docs/api.md, "Reporting").

export type PeriodKind = 'T1' | 'T2' | 'ANNUAL';
export type ReportingPoint = 'T1' | 'T2' | 'ANNUAL' | 'BUSINESS';
/** A level of the region's achievement scale; the default scale's codes are ACHIEVEMENT_CODES. */
export type AchievementCode = string;
export const ACHIEVEMENT_CODES: AchievementCode[] = ['achieved', 'partly', 'not_achieved', 'not_started', 'not_relevant'];
export type EntryState = 'draft' | 'submitted' | 'approved' | 'locked';

export interface Deadline {
  id: number;
  /** The phrase in the requirement's text, e.g. "innen 3. april hvert år". */
  phrase: string;
  /** YYYY-MM-DD. */
  due_date: string;
  yearly: boolean;
}

export interface Requirement {
  id: number;
  document_id: number;
  /** The chapter's code, e.g. "4.2". */
  chapter: string;
  number: string | null;
  text: string;
  applies_to_all: boolean;
  /** As printed: "Alle" or the trusts' codes. */
  applies_to: string;
  targets: string[];
  reporting_points: ReportingPoint[];
  /** As printed in the document (Norwegian): "Tertialrapporter og Årlig melding". */
  reporting_phrase: string;
  carried_over: boolean;
  needs_number: boolean;
  position: number;
  version: number;
  deadlines: Deadline[];
}

export interface Chapter {
  id?: number;
  code: string;
  title: string;
  general_text: string;
  position?: number;
}

export interface DocumentRevision {
  revision: number;
  published_at: string;
  published_by: string;
}

export interface CommissionDocument {
  id: number;
  year: number;
  title: string;
  status: 'draft' | 'published';
  revision: number;
  published_at: string | null;
  version: number;
  region: OrgRef;
  chapters: Chapter[];
  requirements: Requirement[];
  /** Present on GET /api/commission/documents/{id}. */
  revisions?: DocumentRevision[];
}

export interface ReportingPeriod {
  id: number;
  region_id: number;
  year: number;
  kind: PeriodKind;
  /** Norwegian label, e.g. "1. tertial 2026". */
  label: string;
  starts_on: string;
  ends_on: string;
  due_on: string;
  status: 'open' | 'closed';
  closed_at: string | null;
  version: number;
}

export interface ReportEntry {
  id: number;
  requirement_id: number;
  org_id: number;
  period_id: number;
  achievement: AchievementCode | null;
  text: string;
  state: EntryState;
  author: string | null;
  updated_at: string;
  submitted_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  version: number;
}

export interface AchievementLevel {
  code: AchievementCode;
  label_nb: string;
  label_en: string;
  colour: string;
}

export interface TrustReportItem {
  requirement: Requirement;
  entry: ReportEntry | null;
  /** The same requirement's text in the latest earlier period of the year. */
  previous_text?: string;
  /** The risk assessments of the trust's subtree with risks tied to the requirement (kept as they were when the period closed). */
  risk_assessments: ReportRiskAssessment[];
}

// ---- A report entry's risk assessments (engineer A, session 3) ----
export interface ReportRiskLevel {
  index: number;
  label: { nb: string; en: string };
  colour: string;
}

export interface ReportRisk {
  id: number;
  title: string;
  likelihood: number | null;
  consequence: number | null;
  inherent_level: ReportRiskLevel | null;
  residual_likelihood: number | null;
  residual_consequence: number | null;
  residual_level: ReportRiskLevel | null;
  treatment: 'reduce' | 'accept' | 'avoid' | 'transfer' | null;
  acceptance: { state: 'none' | 'accepted' | 'expired'; accepted_by: string | null; expires_on: string | null };
}

export interface ReportRiskAssessment {
  id: number;
  title: string;
  status: 'planned' | 'in_progress' | 'completed' | 'reassess';
  assessed_on: string | null;
  org: { code: string; name: string };
  risks: ReportRisk[];
}
// ---- end: a report entry's risk assessments ----

export interface TrustReport {
  trust: OrgRef;
  period: ReportingPeriod;
  from_snapshot: boolean;
  document: { id: number; title: string; status: string; revision: number } | null;
  achievement_scale: AchievementLevel[];
  chapters: Chapter[];
  items: TrustReportItem[];
}

export interface MatrixCell {
  org_id: number;
  applies: boolean;
  achievement: AchievementCode | null;
  state: EntryState | null;
  entry_id?: number;
  /** The server's verdict: applies, the period is past due, and missing or a draft. */
  overdue: boolean;
}

export interface MatrixRow {
  requirement_id: number;
  chapter: string;
  number: string | null;
  text: string;
  cells: MatrixCell[];
}

export interface HistoryCell {
  org_id: number;
  applies: boolean;
  achievement: AchievementCode | null;
  state: EntryState | null;
  text: string | null;
  author?: string | null;
  updated_at?: string;
}

/** A requirement over the periods of every year its number recurs in. */
export interface RequirementHistory {
  requirement: Requirement;
  region: OrgRef;
  achievement_scale: AchievementLevel[];
  trusts: OrgRef[];
  periods: {
    period: ReportingPeriod;
    requirement_id: number;
    text: string;
    chapter: string;
    /** A closed period's scale as it was closed; null: the region's (achievement_scale). */
    achievement_scale: AchievementLevel[] | null;
    cells: HistoryCell[];
  }[];
}

export interface RegionScale {
  region_id: number;
  /** True while the region uses Varde's default scale. */
  is_default: boolean;
  updated_at: string | null;
  version: number;
  levels: AchievementLevel[];
}

export interface ReportImportWarning {
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

/** What importing a trust's report (text in the seed's layout) would create. */
export interface ReportImportPreview {
  dry_run: true;
  title: string;
  year: number;
  chapters: { code: string; title: string; line: number }[];
  requirements: {
    line: number;
    chapter: string;
    number: string | null;
    text: string;
    applies_to: string;
    reporting_phrase: string;
    reporting_text: string;
  }[];
  warnings: ReportImportWarning[];
}

export interface ReportImportSummary {
  document_id: number;
  period_id: number;
  document_created: boolean;
  chapters_created: number;
  requirements_created: number;
  requirements_matched: number;
  entries_written: number;
  warnings: ReportImportWarning[];
}

export interface PeriodMatrix {
  period: ReportingPeriod;
  trusts: OrgRef[];
  rows: MatrixRow[];
  /** The region's scale, for the badges and the legend. */
  achievement_scale: AchievementLevel[];
  /** Open, and today (in Norway) is after the due date. */
  past_due: boolean;
  /** Cells that apply and have no entry. */
  missing: number;
  /** Cells that are overdue (see MatrixCell.overdue). */
  overdue: number;
}

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export interface RequirementsImportResult {
  dry_run: boolean;
  /** What was read: the problems' `line` is a CSV line, or an .xlsx sheet row. */
  source: 'csv' | 'xlsx';
  errors: ImportProblem[];
  chapters: { code: string; title: string }[];
  requirements: { line: number; chapter: string; number: string | null; text: string; reporting_phrase: string }[];
  /** On a preview. */
  warnings?: ImportProblem[];
  /** After an import. */
  summary?: {
    chapters_created: number;
    requirements_created: number;
    requirements_skipped: number;
    warnings: ImportProblem[];
  };
}

export interface CalendarFeedStatus {
  active: boolean;
  created_at: string | null;
}

export type ReportFormat = 'docx' | 'xlsx' | 'md' | 'html';
export const REPORT_FORMATS: ReportFormat[] = ['docx', 'xlsx', 'md', 'html'];

export interface RequirementPatch {
  number?: string | null;
  text?: string;
  applies_to?: string[];
  reporting_points?: ReportingPoint[];
}

// --- Governing documents (styrende dokumenter) ---
export type DocType = 'overarching' | 'topic' | 'guideline' | 'template' | 'routine' | 'procedure';
export const DOC_TYPES: DocType[] = ['overarching', 'topic', 'guideline', 'template', 'routine', 'procedure'];
export type DocStatus = 'draft' | 'for_approval' | 'approved' | 'withdrawn';
export const DOC_STATUSES: DocStatus[] = ['draft', 'for_approval', 'approved', 'withdrawn'];
export type Classification = 'open' | 'internal' | 'confidential' | 'strictly_confidential';
export const CLASSIFICATIONS: Classification[] = ['open', 'internal', 'confidential', 'strictly_confidential'];
export type ReviewState = 'none' | 'ok' | 'due_soon' | 'overdue';
export type DocAction = 'submit' | 'return' | 'approve' | 'withdraw';
export type DocFormat = 'docx' | 'md' | 'html';
export const DOC_FORMATS: DocFormat[] = ['docx', 'md', 'html'];

export interface DocSection {
  heading: string;
  body: string;
}

export interface GoverningDocument {
  id: number;
  org: OrgRef & { path: string };
  code: string;
  title: string;
  type: DocType;
  owner_id: number | null;
  owner_name: string;
  owner_role: string;
  approver: string;
  classification: Classification;
  exemption: string | null;
  review_interval_months: number;
  next_review_on: string | null;
  review: ReviewState;
  structure_id: number | null;
  current_number: number;
  status: DocStatus;
  approved_number: number | null;
  approved_on: string | null;
  version: number;
  updated_at: string;
}

export interface DocVersion {
  number: number;
  status: DocStatus;
  change_note: string;
  created_at: string;
  created_by: string;
  submitted_at: string | null;
  submitted_by: string | null;
  approved_at: string | null;
  approved_by: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  version: number;
  sections?: DocSection[];
}

export interface DocLink {
  code: string;
  document_id: number | null;
  title: string | null;
}

export interface GoverningDocumentDetail extends GoverningDocument {
  versions: DocVersion[];
  clearance: Classification | null;
  content_visible: boolean;
  shown_number: number;
  sections?: DocSection[];
  links?: DocLink[];
}

export interface StructureNode {
  id: number;
  org_id: number;
  parent_id: number | null;
  title: string;
  position: number;
}

export interface DocumentStructure {
  nodes: StructureNode[];
  documents: GoverningDocument[];
}

export interface DocumentImportWarning {
  line: number;
  field: string;
  message: string;
}

export interface DocumentImportPreview {
  dry_run: boolean;
  code: string;
  title: string;
  type: DocType;
  classification: Classification;
  sections: { heading: string; line: number; body: string }[];
  definitions: { term: string; explanation: string; line: number }[];
  next_part_line: number | null;
  warnings: DocumentImportWarning[];
  errors: DocumentImportWarning[];
}

export interface DocumentQuery {
  org_id?: number;
  type?: DocType | '';
  status?: DocStatus | '';
  classification?: Classification | '';
  review?: 'due_soon' | 'overdue' | '';
  mine?: boolean;
  q?: string;
  sort?: string;
}

export interface FieldProblem {
  field: string;
  detail: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  field?: string;
  errors?: FieldProblem[];
  /** On 412: the object as it is stored now. */
  current?: unknown;
}

/** A failed request: HTTP status plus the server's problem details. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get field(): string | undefined {
    return this.problem.field;
  }

  get errors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }

  get current(): unknown {
    return this.problem.current;
  }

  /** Every field-level message, keyed by field name (first message wins). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      if (e.field && !(e.field in out)) out[e.field] = e.detail;
    }
    if (this.problem.field && !(this.problem.field in out)) {
      out[this.problem.field] = this.problem.detail || this.problem.title || '';
    }
    return out;
  }

  /** The message for the form as a whole (what is not tied to one field). */
  get summary(): string {
    return this.problem.detail || this.problem.title || `HTTP ${this.status}`;
  }
}

/** The server could not be reached at all. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a request other than the session ones answers 401 (session ended). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Sent as If-Match: "<version>". */
  version?: number;
  signal?: AbortSignal;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed && typeof parsed === 'object') return parsed as Problem;
    } catch {
      /* not JSON */
    }
  }
  return { status: res.status, title: res.statusText || `HTTP ${res.status}` };
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (opts.version !== undefined) headers['If-Match'] = `"${opts.version}"`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new NetworkError(e);
  }
  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && !path.startsWith('/api/session') && onUnauthorized) onUnauthorized();
    throw new ApiError(res.status, problem);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Accepts both a page object and a bare array (defensive against either answer). */
function itemsOf<T>(data: Page<T> | T[]): Page<T> {
  if (Array.isArray(data)) return { items: data, total: data.length, limit: data.length, offset: 0 };
  return data;
}

async function list<T>(path: string, query: Query = {}, opts: { signal?: AbortSignal } = {}): Promise<Page<T>> {
  return itemsOf(await request<Page<T> | T[]>('GET', path, { query, signal: opts.signal }));
}

/** Every item of a paged list (follows offset until total is reached). */
async function listAll<T>(path: string, query: Query = {}): Promise<T[]> {
  const out: T[] = [];
  const limit = 500;
  for (let offset = 0; ; offset += limit) {
    const page = await list<T>(path, { ...query, limit, offset });
    out.push(...page.items);
    if (page.items.length === 0 || out.length >= page.total || page.items.length < limit) break;
  }
  return out;
}

export const api = {
  // Session
  login: (username: string, password: string) =>
    request<Session>('POST', '/api/session', { body: { username, password } }),
  session: () => request<Session>('GET', '/api/session'),
  logout: () => request<void>('DELETE', '/api/session'),
  roles: () => request<RolePermissions[]>('GET', '/api/roles'),

  // Organisation tree
  orgs: (query: { parent_id?: number; kind?: OrgKind; q?: string } = {}) => listAll<Org>('/api/orgs', query),
  org: (id: number) => request<Org>('GET', `/api/orgs/${id}`),
  createOrg: (body: { code: string; name: string; kind: OrgKind; parent_id: number }) =>
    request<Org>('POST', '/api/orgs', { body }),
  updateOrg: (id: number, version: number, body: { code?: string; name?: string; kind?: OrgKind }) =>
    request<Org>('PATCH', `/api/orgs/${id}`, { body, version }),
  deleteOrg: (id: number) => request<void>('DELETE', `/api/orgs/${id}`),
  orgGrants: (id: number) => listAll<Grant>(`/api/orgs/${id}/grants`),

  // Users and grants
  users: (query: { q?: string; org_id?: number; limit?: number; offset?: number } = {}, signal?: AbortSignal) =>
    list<User>('/api/users', query, { signal }),
  user: (id: number) => request<User>('GET', `/api/users/${id}`),
  grantRole: (userId: number, body: { org_id: number; role: Role; leader_level?: number }) =>
    request<Grant>('POST', `/api/users/${userId}/grants`, { body }),
  revokeGrant: (grantId: number) => request<void>('DELETE', `/api/grants/${grantId}`),
  setClearance: (grantId: number, clearance: Classification | null) =>
    request<{ grant_id: number; clearance: Classification | null; effective: Classification }>(
      'PUT', `/api/grants/${grantId}/clearance`, { body: { clearance } }),

  // Audit trail
  audit: (query: {
    entity?: string;
    entity_id?: string;
    actor_id?: number;
    from?: string;
    to?: string;
    limit?: number;
    offset?: number;
  }) => list<AuditEvent>('/api/audit', query),
  // Commissioning documents and requirements
  commissionDocuments: () => list<CommissionDocument>('/api/commission/documents'),
  commissionDocument: (id: number) => request<CommissionDocument>('GET', `/api/commission/documents/${id}`),
  /** A plain link target: the browser downloads the file. */
  requirementsCsvUrl: (id: number) => `/api/commission/documents/${id}/requirements.csv`,
  requirementsXlsxUrl: (id: number) => `/api/commission/documents/${id}/requirements.xlsx`,
  /** The template as CSV text, or an .xlsx as base64 (a data: URL will do). */
  importRequirements: (id: number, file: { csv: string } | { xlsx: string }, dryRun: boolean) =>
    request<RequirementsImportResult>('POST', `/api/commission/documents/${id}/requirements/import`, {
      body: { ...file, dry_run: dryRun },
    }),
  updateRequirement: (id: number, version: number, body: RequirementPatch) =>
    request<Requirement>('PATCH', `/api/requirements/${id}`, { body, version }),

  // Reporting periods and reports
  periods: (orgId: number) => list<ReportingPeriod>(`/api/orgs/${orgId}/periods`),
  trustReport: (trustId: number, periodId: number, signal?: AbortSignal) =>
    request<TrustReport>('GET', `/api/orgs/${trustId}/reports/${periodId}`, { signal }),
  /** The first save of an entry has no version; later ones send the version they change (If-Match). */
  saveReportEntry: (
    trustId: number,
    periodId: number,
    requirementId: number,
    body: { achievement: AchievementCode | null; text: string },
    version?: number,
  ) => request<ReportEntry>('PUT', `/api/orgs/${trustId}/reports/${periodId}/${requirementId}`, { body, version }),
  submitEntry: (id: number) => request<ReportEntry>('POST', `/api/report-entries/${id}/submit`, { body: {} }),
  approveEntry: (id: number) => request<ReportEntry>('POST', `/api/report-entries/${id}/approve`, { body: {} }),
  returnEntry: (id: number) => request<ReportEntry>('POST', `/api/report-entries/${id}/return`, { body: {} }),
  /** A plain link target for the trust's report as a file. */
  reportExportUrl: (trustId: number, periodId: number, format: ReportFormat) =>
    `/api/orgs/${trustId}/reports/${periodId}/export?format=${format}`,
  /** A trust's report as text in the seed's layout: a preview (dryRun), or the import. */
  importCommissionReport: <D extends boolean>(
    trustId: number,
    body: { text: string; period: PeriodKind; year?: number; dry_run: D },
  ) =>
    request<D extends true ? ReportImportPreview : ReportImportSummary>(
      'POST',
      `/api/orgs/${trustId}/imports/commission-report`,
      { body },
    ),
  requirementHistory: (requirementId: number) =>
    request<RequirementHistory>('GET', `/api/requirements/${requirementId}/history`),
  /** The achievement scale of the region that `orgId` is in (or is). */
  achievementScale: (orgId: number) => request<RegionScale>('GET', `/api/orgs/${orgId}/achievement-scale`),
  saveAchievementScale: (regionId: number, version: number, levels: AchievementLevel[]) =>
    request<RegionScale>('PUT', `/api/orgs/${regionId}/achievement-scale`, { body: { levels }, version }),
  /** A plain link target: the matrix as an .xlsx, cells coloured by status. */
  matrixXlsxUrl: (periodId: number) => `/api/periods/${periodId}/matrix.xlsx`,
  /** A plain link target: every trust's report for the period in one file, one chapter per trust. */
  regionReportsUrl: (periodId: number, format: 'docx' | 'xlsx') => `/api/periods/${periodId}/reports/export?format=${format}`,
  matrix: (periodId: number, signal?: AbortSignal) =>
    request<PeriodMatrix>('GET', `/api/periods/${periodId}/matrix`, { signal }),
  closePeriod: (id: number) => request<ReportingPeriod>('POST', `/api/periods/${id}/close`, { body: {} }),
  reopenPeriod: (id: number, reason: string) =>
    request<ReportingPeriod>('POST', `/api/periods/${id}/reopen`, { body: { reason } }),

  // Personal calendar feed
  calendarFeed: () => request<CalendarFeedStatus>('GET', '/api/me/calendar-feed'),
  createCalendarFeed: () => request<{ path: string }>('POST', '/api/me/calendar-feed', { body: {} }),
  revokeCalendarFeed: () => request<void>('DELETE', '/api/me/calendar-feed'),

  // Governing documents
  governingDocuments: (query: DocumentQuery = {}) =>
    listAll<GoverningDocument>('/api/governing-documents', { ...query, mine: query.mine ? 'true' : undefined }),
  createGoverningDocument: (body: {
    org_id: number;
    code: string;
    title: string;
    type: DocType;
    classification: Classification;
    exemption?: string | null;
    approver?: string;
    owner_role?: string;
    owner_id?: number | null;
    review_interval_months?: number;
    structure_id?: number | null;
  }) => request<GoverningDocument>('POST', '/api/governing-documents', { body }),
  governingDocument: (id: number) => request<GoverningDocumentDetail>('GET', `/api/governing-documents/${id}`),
  documentVersion: (id: number, number: number) =>
    request<DocVersion>('GET', `/api/governing-documents/${id}/versions/${number}`),
  saveDocumentSections: (id: number, number: number, version: number, sections: DocSection[], changeNote?: string) =>
    request<DocVersion>('PUT', `/api/governing-documents/${id}/versions/${number}`, {
      body: changeNote === undefined ? { sections } : { sections, change_note: changeNote },
      version,
    }),
  documentAction: (id: number, number: number, action: DocAction) =>
    request<DocVersion>('POST', `/api/governing-documents/${id}/versions/${number}/${action}`, { body: {} }),
  newDocumentVersion: (id: number, changeNote: string) =>
    request<DocVersion>('POST', `/api/governing-documents/${id}/versions`, { body: { change_note: changeNote } }),
  importGoverningDocument: (orgId: number, body: { text: string; code?: string; title?: string; dry_run: boolean }) =>
    request<DocumentImportPreview | GoverningDocument>('POST', `/api/orgs/${orgId}/imports/governing-document`, { body }),
  documentStructure: (orgId: number) => request<DocumentStructure>('GET', `/api/orgs/${orgId}/document-structure`),
  /** A plain link target for the document as a file. */
  documentExportUrl: (id: number, format: DocFormat, number?: number) =>
    `/api/governing-documents/${id}/export?format=${format}${number ? `&number=${number}` : ''}`,
};
