/** Shapes of the API answers the app reads (see openapi.yaml); only the fields it uses. */

export type Role = 'admin' | 'clerk' | 'signer';

export interface DeskRef {
  id: string;
  name: string;
}

export interface DelegatedDesk extends DeskRef {
  /** Text the API words for it: on whose behalf the user acts. */
  label: string;
  endsAt: string;
}

/** The person signed in, as the app keeps it (mapped from `GET /me`). */
export interface Me {
  id: string;
  email: string;
  displayName: string;
  title: string | null;
  roles: Role[];
  desks: DeskRef[];
  delegatedDesks: DelegatedDesk[];
  /** TOTP on: a one-time code can stand for the PIN as signing consent. */
  totpEnabled: boolean;
}

/** The proof of presence for signing: the PIN of the signing key, or a one-time code when TOTP is on. */
export type Consent = { pin: string } | { totp: string };

export interface UserApi {
  id: string;
  email: string;
  displayName: string;
  title: string | null;
  roles: Role[];
  totpEnabled: boolean;
}

export interface MeApi {
  user: UserApi;
  roles: Role[];
  desks: DeskRef[];
  delegatedDesks: { deskId: string; deskName: string; label: string; endsAt: string }[];
  csrfToken?: string;
}

/** GET /auth/providers: the login methods to offer. */
export interface AuthProviders {
  password: boolean;
  oidc: { label: string; loginUrl: string } | null;
}

export interface LoginResult {
  user: UserApi;
  csrfToken: string;
  expiresAt: string;
}

export type FolderStatus = 'draft' | 'in_progress' | 'completed' | 'rejected' | 'withdrawn' | 'archived';
export type StepKind = 'visa' | 'signature' | 'seal';
export type StepStatus = 'pending' | 'active' | 'done' | 'rejected' | 'skipped';

export interface TypologyRef {
  id: string;
  type: string;
  subtype: string;
}

export interface FolderSummary {
  id: string;
  typologyId: string;
  title: string;
  externalId: string | null;
  status: FolderStatus;
  /** Position of the active step, when in progress. */
  currentStep: number | null;
  /** Kind of the active step, null when none is active (splits the inbox into « À signer » / « À viser »). */
  currentStepKind: StepKind | null;
  metadata: Record<string, unknown>;
  dueAt: string | null;
  finishedReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A folder as a row of the inbox: the summary plus what the app derives for display. */
export interface InboxFolder extends FolderSummary {
  viaDelegation: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface DocumentVersion {
  id: string;
  version: number;
  size: number;
  signature: { signerName: string; level: string; seal: boolean } | null;
  createdAt: string;
}

export interface FolderDocument {
  id: string;
  role: 'main' | 'annex';
  fileName: string;
  contentType: string;
  position: number;
  versions: DocumentVersion[];
}

export interface StepActor {
  action: 'visa' | 'signature' | 'seal' | 'reject' | 'send_back';
  deskId: string;
  userId: string | null;
  name: string;
  onBehalfOfDeskId: string | null;
  reason: string | null;
  round: number;
  at: string;
}

export interface FolderStep {
  id: string;
  position: number;
  kind: StepKind;
  name: string | null;
  deskIds: string[];
  quorum: 'any' | 'all';
  status: StepStatus;
  round: number;
  actors: StepActor[];
  completedAt: string | null;
}

export interface FolderComment {
  id: string;
  body: string;
  authorName: string;
  createdAt: string;
}

export interface FolderDetail extends FolderSummary {
  createdByUserId: string | null;
  steps: FolderStep[];
  documents: FolderDocument[];
  comments: FolderComment[];
}

export interface DeskInfo extends DeskRef {
  parentId: string | null;
}

export type MetadataFieldType = 'string' | 'number' | 'date' | 'enum' | 'boolean';

/** One metadata field a typology asks for (its `metadataSchema.fields`). */
export interface MetadataField {
  name: string;
  label: string;
  type: MetadataFieldType;
  required?: boolean;
  /** enum only: the allowed values. */
  values?: string[];
  min?: number;
  max?: number;
}

export interface RequiredAnnex {
  name: string;
  description?: string;
}

export interface Typology extends TypologyRef {
  metadataSchema: { fields: MetadataField[] } | null;
  requiredAnnexes: RequiredAnnex[];
  active?: boolean;
}

export type BulkItemStatus = 'queued' | 'running' | 'done' | 'failed';

export interface BulkItem {
  folderId: string;
  title?: string;
  status: BulkItemStatus;
  error?: string | null;
}

export interface Batch {
  id: string;
  action: string;
  status: 'running' | 'done';
  items: BulkItem[];
  total?: number;
  done?: number;
  failed?: number;
}
