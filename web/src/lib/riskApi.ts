// Typed client for risk management (docs/api.md, "Risk management"): the
// region's matrices and their import, assessments, risks, acceptance, the heat
// map. Uses the shared request() of api.ts (session cookie, CSRF, If-Match,
// problems as ApiError).
import { request, type Page } from './api';

export interface Text {
  nb: string;
  en: string;
}

export interface MatrixLevel {
  level: number;
  abbreviation: string;
  label: Text;
  description: Text;
  per_area?: Record<string, Text>;
}

export interface RiskLevel {
  index: number;
  abbreviation: string;
  label: Text;
  description: Text;
  colour: string;
}

export interface MatrixCell {
  risk_level: number;
  /** 1–4, or 0: not acceptable without treatment. */
  accept_level: number;
}

export interface MatrixDefinition {
  key: string;
  name: Text;
  description: Text;
  likelihood: MatrixLevel[];
  consequence: MatrixLevel[];
  areas: { code: string; label: Text }[];
  risk_levels: RiskLevel[];
  /** [likelihood][consequence], lowest first. */
  cells: MatrixCell[][];
}

export interface StoredMatrix {
  id: number;
  region_id: number;
  key: string;
  revision: number;
  source: string;
  is_default: boolean;
  created_at: string;
  created_by: string;
  name: Text;
  size: string;
  matrix?: MatrixDefinition;
}

export type SubjectKind = 'system' | 'change' | 'process' | 'requirement';
export const SUBJECT_KINDS: SubjectKind[] = ['system', 'change', 'process', 'requirement'];
export type AssessmentStatus = 'planned' | 'in_progress' | 'completed' | 'reassess';
export const ASSESSMENT_STATUSES: AssessmentStatus[] = ['planned', 'in_progress', 'completed', 'reassess'];
export type Treatment = 'reduce' | 'accept' | 'avoid' | 'transfer';
export const TREATMENTS: Treatment[] = ['reduce', 'accept', 'avoid', 'transfer'];

export interface Assessment {
  id: number;
  org: { id: number; code: string; name: string; path: string };
  matrix_id: number;
  title: string;
  scope: string;
  subject_kind: SubjectKind;
  subject: string;
  method: string;
  participants: string;
  assessed_on: string | null;
  status: AssessmentStatus;
  next_review_on: string | null;
  risk_count: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AssessmentWithRisks extends Assessment {
  matrix: StoredMatrix & { matrix: MatrixDefinition };
  risks: Risk[];
}

export interface LevelRef {
  index: number;
  label?: Text;
  colour?: string;
}

export interface Risk {
  id: number;
  assessment_id: number;
  assessment_title: string;
  matrix_id: number;
  org: { id: number; code: string; path: string };
  title: string;
  description: string;
  threat: string;
  vulnerability: string;
  assets: string;
  existing_controls: string;
  framework_controls: string[];
  likelihood: number | null;
  consequence: number | null;
  consequences: Record<string, number>;
  inherent_level: LevelRef | null;
  treatment: Treatment | null;
  treatment_plan: string;
  residual_likelihood: number | null;
  residual_consequence: number | null;
  residual_level: LevelRef | null;
  owner: { id: number; display_name: string } | null;
  review_on: string | null;
  review_overdue: boolean;
  acceptance: {
    state: 'none' | 'accepted' | 'expired';
    accepted_by: string | null;
    accepted_level: number | null;
    accepted_at: string | null;
    expires_on: string | null;
    rationale: string | null;
    required_level?: number;
    acceptable?: boolean;
  };
  requirement_ids: number[];
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RiskHistoryEntry {
  at: string;
  actor: string;
  kind: 'scores' | 'treatment' | 'acceptance' | 'acceptance_withdrawn';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** A measure in an action plan that treats a risk (GET /api/risks/{id} `measures`). */
export interface RiskMeasure {
  id: number;
  title: string;
  area: string;
  status: { code: string; label_nb: string; label_en: string; colour: string };
  plan: { id: number; title: string; org_code: string };
  responsible_text: string;
  responsible_person: string;
  due_date: string | null;
  effective_due: string | null;
  overdue: boolean;
}

export interface RiskWithHistory extends Risk {
  history: RiskHistoryEntry[];
  measures: RiskMeasure[];
}

export type RiskFields = Partial<{
  title: string;
  description: string;
  threat: string;
  vulnerability: string;
  assets: string;
  existing_controls: string;
  framework_controls: string[];
  likelihood: number | null;
  consequence: number | null;
  consequences: Record<string, number>;
  treatment: Treatment | null;
  treatment_plan: string;
  residual_likelihood: number | null;
  residual_consequence: number | null;
  owner_id: number | null;
  review_on: string | null;
  requirement_ids: number[];
}>;

export type AssessmentFields = Partial<{
  title: string;
  scope: string;
  subject_kind: SubjectKind;
  subject: string;
  method: string;
  participants: string;
  assessed_on: string | null;
  status: AssessmentStatus;
  next_review_on: string | null;
}>;

export interface HeatCounts {
  inherent: number[][];
  residual: number[][];
  total: number;
  unscored: number;
}

export interface HeatMap extends HeatCounts {
  org: { id: number; code: string; name: string; kind: string };
  matrix: StoredMatrix & { matrix: MatrixDefinition };
  trusts: ({ org: { id: number; code: string; name: string } } & HeatCounts)[];
}

export interface ImportNote {
  line: number;
  field: string;
  message: string;
}

export interface MatrixImportResult {
  dry_run: boolean;
  library: string;
  errors: ImportNote[];
  warnings: ImportNote[];
  /** A preview: the definitions; an import: the stored versions. */
  matrices: (MatrixDefinition | (StoredMatrix & { matrix: MatrixDefinition }))[];
}

export interface RiskOwner {
  id: number;
  display_name: string;
  username: string;
  leader_level: number;
}

export type RiskQuery = Partial<{
  org_id: number;
  assessment_id: number;
  owner_id: number;
  requirement_id: number;
  matrix_id: number;
  level: number;
  status: 'none' | 'accepted' | 'expired';
  treatment: Treatment;
  without_owner: boolean;
  needs_attention: boolean;
  inherent_cell: string;
  residual_cell: string;
  sort: string;
  limit: number;
  offset: number;
}>;

export const riskApi = {
  matrices: (orgId: number) => request<Page<StoredMatrix>>('GET', `/api/orgs/${orgId}/risk-matrices`),
  matrix: (id: number) => request<StoredMatrix & { matrix: MatrixDefinition }>('GET', `/api/risk-matrices/${id}`),
  importMatrix: (regionId: number, yaml: string, dryRun: boolean, fileName: string, makeDefault = false) =>
    request<MatrixImportResult>('POST', `/api/orgs/${regionId}/imports/risk-matrix`, {
      body: { yaml, dry_run: dryRun, file_name: fileName, make_default: makeDefault },
    }),
  saveMatrix: (regionId: number, matrix: MatrixDefinition, makeDefault: boolean) =>
    request<StoredMatrix & { matrix: MatrixDefinition }>('POST', `/api/orgs/${regionId}/risk-matrices`, {
      body: { matrix, make_default: makeDefault },
    }),
  assessments: (query: { org_id?: number; status?: AssessmentStatus; sort?: string; limit?: number } = {}) =>
    request<Page<Assessment>>('GET', '/api/risk-assessments', { query }),
  assessment: (id: number) => request<AssessmentWithRisks>('GET', `/api/risk-assessments/${id}`),
  createAssessment: (body: AssessmentFields & { org_id: number; title: string; subject_kind: SubjectKind }) =>
    request<Assessment>('POST', '/api/risk-assessments', { body }),
  updateAssessment: (id: number, version: number, body: AssessmentFields) =>
    request<Assessment>('PATCH', `/api/risk-assessments/${id}`, { body, version }),
  createRisk: (assessmentId: number, body: RiskFields & { title: string }) =>
    request<Risk>('POST', `/api/risk-assessments/${assessmentId}/risks`, { body }),
  risk: (id: number) => request<RiskWithHistory>('GET', `/api/risks/${id}`),
  updateRisk: (id: number, version: number, body: RiskFields) =>
    request<Risk>('PATCH', `/api/risks/${id}`, { body, version }),
  acceptRisk: (id: number, rationale: string, expiresOn: string) =>
    request<Risk>('POST', `/api/risks/${id}/accept`, { body: { rationale, expires_on: expiresOn } }),
  /** Measures the risk's trust works with that the caller may link (not linked yet), `q` in the title. */
  measureCandidates: (riskId: number, q: string) =>
    request<{ items: RiskMeasure[] }>('GET', `/api/risks/${riskId}/measure-candidates`, { query: { q: q || undefined } }),
  linkMeasure: (riskId: number, measureId: number) =>
    request<RiskMeasure[]>('POST', `/api/risks/${riskId}/measures`, { body: { measure_id: measureId } }),
  unlinkMeasure: (riskId: number, measureId: number) =>
    request<void>('DELETE', `/api/risks/${riskId}/measures/${measureId}`),
  risks: (query: RiskQuery = {}) => request<Page<Risk>>('GET', '/api/risks', { query }),
  myRisks: (query: RiskQuery = {}) => request<Page<Risk>>('GET', '/api/me/risks', { query }),
  owners: (orgId: number) => request<RiskOwner[]>('GET', `/api/orgs/${orgId}/risk-owners`),
  heatMap: (orgId: number, matrixId?: number) =>
    request<HeatMap>('GET', `/api/orgs/${orgId}/risk-heatmap`, { query: { matrix_id: matrixId } }),
  /** Plain link targets: the browser downloads the file. */
  csvUrl: (orgId: number) => `/api/orgs/${orgId}/risks.csv`,
  xlsxUrl: (orgId: number) => `/api/orgs/${orgId}/risks.xlsx`,
  overviewUrl: (orgId: number, format: 'docx' | 'xlsx' | 'md' | 'html') =>
    `/api/orgs/${orgId}/risk-overview/export?format=${format}`,
};
