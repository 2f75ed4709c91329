/** Shapes of the admin API answers (see the controllers' DTOs); only the fields the pages read. */
import type { MetadataField, RequiredAnnex, Role } from '../../api/types';

export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  title: string | null;
  roles: Role[];
  active: boolean;
  totpEnabled: boolean;
  hasPassword: boolean;
}

export interface AdminDesk {
  id: string;
  name: string;
  parentId: string | null;
  holders: { userId: string; displayName: string; email: string }[];
}

export interface AdminDelegation {
  id: string;
  fromDesk: { id: string; name: string };
  toDesk: { id: string; name: string };
  startsAt: string;
  endsAt: string;
  typologyIds: string[] | null;
  revokedAt: string | null;
}

export type StepKindValue = 'visa' | 'signature' | 'seal';
export type QuorumValue = 'any' | 'all';
export type Operator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'exists';
export type Scalar = string | number | boolean;

export interface LeafCondition {
  field: string;
  op: Operator;
  value?: Scalar | Scalar[];
}

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;

export interface CircuitStep {
  kind: StepKindValue;
  deskIds: string[];
  quorum: QuorumValue;
  condition?: Condition;
  name?: string;
}

export interface CircuitSummary {
  id: string;
  name: string;
  currentVersion: number;
  updatedAt: string;
}

export interface Circuit extends CircuitSummary {
  circuitVersionId: string;
  steps: CircuitStep[];
}

export interface RoutePreview {
  version: number;
  steps: { position: number; kind: StepKindValue; name?: string; quorum: QuorumValue; desks: { id: string; name: string | null }[] }[];
  skipped: { position: number; kind: StepKindValue; name?: string; reason: string }[];
}

export type StampKindValue = 'auto' | 'tag' | 'rect';

export interface Stamp {
  kind: StampKindValue;
  tag?: string;
  page?: number;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

export interface AdminTypology {
  id: string;
  type: string;
  subtype: string;
  circuitId: string;
  level: 'B-B' | 'B-T';
  stamp: Stamp;
  metadataSchema: { fields: MetadataField[] };
  requiredAnnexes: RequiredAnnex[];
  active: boolean;
}

export type TypologyInput = Omit<AdminTypology, 'id'>;

export type Scope = 'folders:read' | 'folders:write' | 'admin';

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  createdAt: string;
}

export interface WebhookDelivery {
  id: string;
  eventType: string;
  folderId: string | null;
  status: 'pending' | 'delivered' | 'failed';
  createdAt: string;
  attempts: { attempt: number; at: string; statusCode: number | null; error: string | null }[];
}

export interface OverviewDelegation {
  id: string;
  fromDeskName: string;
  toDeskName: string;
  endsAt: string;
  typologyIds: string[] | null;
}

/** GET /admin/desk-overview: who holds what now. */
export interface DeskOverview {
  at: string;
  desks: {
    id: string;
    name: string;
    parentId: string | null;
    holders: { id: string; displayName: string; active: boolean }[];
    delegatedTo: OverviewDelegation[];
    actingFor: OverviewDelegation[];
    actorsNow: { id: string; displayName: string; active: boolean }[];
  }[];
}

/** GET /admin/certificates: the seal and people's signing certificates. */
export interface Certificate {
  id: string;
  kind: 'seal' | 'user';
  userDisplayName: string | null;
  source: string;
  subject: string;
  notAfter: string;
  expiresSoon: boolean;
  expired: boolean;
  createdAt: string;
}

/** GET /admin/tenants (super-admin): each commune and its usage. */
export interface TenantUsage {
  tenant: { id: string; name: string; siren: string; createdAt: string };
  foldersByStatus: Record<string, number>;
  documents: number;
  bytes: number;
  users: number;
  activeUsers: number;
  lastActivityAt: string | null;
}
