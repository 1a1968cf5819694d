// Typed client for the action-plan routes (docs/api.md, "Action plans").
import { request } from './api';

export interface ActionStatus {
  code: string;
  label_nb: string;
  label_en: string;
  colour: string;
  kind: 'not_started' | 'active' | 'continuous' | 'paused' | 'closed';
}

export interface ActionPlan {
  id: number;
  org: { id: number; code: string; name: string };
  title: string;
  period_text: string;
  intro: string;
  revision: number;
  previous_id: number | null;
  next_id: number | null;
  superseded: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ActionArea {
  id: number;
  code: string;
  title: string;
  intro: string;
  position: number;
}

export interface MeasureUpdate {
  id: number;
  at: string;
  author: string;
  status_from: string | null;
  status_to: string | null;
  comment: string;
}

export interface Measure {
  id: number;
  plan_id: number;
  area_id: number;
  area: string;
  origin_id: number;
  carried_from_id: number | null;
  title: string;
  description: string;
  status: { code: string; label_nb: string; label_en: string; colour: string; kind: ActionStatus['kind'] };
  status_text: string;
  period: { text: string; kind: string; label: string; note: string };
  responsible_text: string;
  responsible_person: string;
  responsible: { text: string; org_id: number | null; org_code: string | null; org_name: string | null; each_trust: boolean }[];
  due_date: string | null;
  effective_due: string | null;
  last_update_at: string;
  overdue?: boolean;
  stale?: boolean;
  links: { target_kind: string; target_id: number; label: string }[];
  updates: MeasureUpdate[];
  version: number;
  plan?: ActionPlan;
  /** GET /api/measures/{id} only: the risks it treats that the caller reads. */
  risks?: MeasureRisk[];
}

export interface MeasureRisk {
  id: number;
  title: string;
  org_code: string;
  assessment_id: number;
  assessment_title: string;
}

export interface ActionPlanDetail extends ActionPlan {
  areas: ActionArea[];
  measures: Measure[];
  statuses: ActionStatus[];
  whole_plan: boolean;
}

export interface Counts {
  key: string;
  label: string;
  org_id: number | null;
  by_status: Record<string, number>;
  total: number;
  overdue: number;
  stale: number;
}

export interface ActionOverview {
  today: string;
  stale_days: number;
  statuses: ActionStatus[];
  all: Counts;
  areas: Counts[];
  responsible: Counts[];
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface PlanChanges {
  from: ActionPlan | null;
  to: ActionPlan;
  plan_fields: FieldChange[];
  measures: { origin_id: number; old_id: number | null; new_id: number | null; title: string; change: string; fields: FieldChange[] }[];
}

export interface PlanWarning {
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface PlanPreview {
  dry_run: true;
  title: string;
  period_text: string;
  first_line: number;
  areas: { code: string; title: string; line: number }[];
  measures: {
    line: number;
    area: string;
    title: string;
    status: { code: string; label_nb: string; exact: boolean };
    period: { text: string; label: string };
    responsible_text: string;
  }[];
  warnings: PlanWarning[];
}

export interface PlanImportSummary {
  plan_id: number;
  areas_created: number;
  measures_created: number;
  warnings: PlanWarning[];
}

export type PlanFormat = 'docx' | 'xlsx' | 'md' | 'html';

export const actionsApi = {
  statuses: () => request<ActionStatus[]>('GET', '/api/action-statuses'),
  plans: (orgId?: number) =>
    request<{ items: ActionPlan[]; total: number }>('GET', '/api/action-plans', { query: { org_id: orgId } }),
  plan: (id: number) => request<ActionPlanDetail>('GET', `/api/action-plans/${id}`),
  overview: (id: number, staleDays: number) =>
    request<ActionOverview>('GET', `/api/action-plans/${id}/overview`, { query: { stale_days: staleDays } }),
  changes: (id: number) => request<PlanChanges>('GET', `/api/action-plans/${id}/changes`),
  revise: (id: number, version: number, body: { period_text?: string; title?: string }) =>
    request<ActionPlan>('POST', `/api/action-plans/${id}/revise`, { body, version }),
  measure: (id: number) => request<Measure>('GET', `/api/measures/${id}`),
  updateMeasure: (
    id: number,
    version: number,
    body: { title?: string; description?: string; period?: string; responsible?: string; responsible_person?: string; due_date?: string | null },
  ) => request<Measure>('PATCH', `/api/measures/${id}`, { body, version }),
  addUpdate: (id: number, version: number, body: { status?: string | null; comment: string }) =>
    request<Measure>('POST', `/api/measures/${id}/updates`, { body, version }),
  addLink: (id: number, kind: 'requirement' | 'risk' | 'control', targetId: number) =>
    request<Measure>('POST', `/api/measures/${id}/links`, { body: { target_kind: kind, target_id: targetId } }),
  removeLink: (id: number, kind: 'requirement' | 'risk' | 'control', targetId: number) =>
    request<void>('DELETE', `/api/measures/${id}/links/${kind}/${targetId}`),
  importPlan: (orgId: number, text: string, dryRun: boolean) =>
    request<PlanPreview | PlanImportSummary>('POST', `/api/orgs/${orgId}/imports/action-plan`, { body: { text, dry_run: dryRun } }),
  exportUrl: (id: number, format: PlanFormat) => `/api/action-plans/${id}/export?format=${format}`,
  csvUrl: (id: number) => `/api/action-plans/${id}/measures.csv`,
  xlsxUrl: (id: number) => `/api/action-plans/${id}/measures.xlsx`,
};
