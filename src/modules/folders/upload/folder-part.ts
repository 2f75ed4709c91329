import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../../../common/errors';
import { CreateFolderPartDto } from '../dto/create-folder.dto';
import type { FolderMetadata } from '../folder.entity';
import { FolderError, FolderErrorCode } from '../folders.errors';

const MAX_METADATA_KEYS = 100;

function invalid(detail: string, errors: Array<{ field: string; message: string }>): FolderError {
  return new FolderError(FolderErrorCode.FolderPartInvalid, detail, { fieldErrors: errors });
}

/** Parses and validates the `folder` part (JSON) of the creation request; 400 problems name the field. */
export function parseFolderPart(raw: string | undefined): CreateFolderPartDto & { metadata: FolderMetadata } {
  if (raw === undefined || raw.trim() === '') {
    throw invalid('La partie « folder » (JSON du dossier) est absente : ajoutez-la à la requête multipart.', [{ field: 'folder', message: 'folder part is required' }]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('La partie « folder » n’est pas du JSON valide : corrigez sa syntaxe.', [{ field: 'folder', message: 'folder must be valid JSON' }]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('La partie « folder » doit être un objet JSON.', [{ field: 'folder', message: 'folder must be a JSON object' }]);
  }
  if (holdsNul(parsed)) {
    throw invalid('La partie « folder » contient un caractère nul (U+0000) : retirez-le.', [{ field: 'folder', message: 'folder must not contain NUL characters' }]);
  }
  const dto = plainToInstance(CreateFolderPartDto, parsed);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const fieldErrors = flattenValidationErrors(errors).map((e) => ({ field: `folder.${e.field}`, message: e.message }));
    throw invalid('Certains champs de la partie « folder » sont invalides : corrigez ceux listés dans « errors ».', fieldErrors);
  }
  return { ...dto, metadata: checkMetadata(dto.metadata ?? {}) };
}

/** Whether any string (key or value) holds U+0000, which PostgreSQL text and jsonb cannot store. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(String.fromCharCode(0));
  if (Array.isArray(value)) return value.some(holdsNul);
  if (typeof value === 'object' && value !== null) return Object.entries(value).some(([key, inner]) => holdsNul(key) || holdsNul(inner));
  return false;
}

/** Metadata is a flat object of strings, numbers, booleans or null (the typology schema says which). */
function checkMetadata(metadata: Record<string, unknown>): FolderMetadata {
  const entries = Object.entries(metadata);
  const bad = entries.filter(([, value]) => value !== null && !['string', 'number', 'boolean'].includes(typeof value));
  if (bad.length > 0 || entries.length > MAX_METADATA_KEYS) {
    throw invalid(
      `Les métadonnées doivent être un objet plat (au plus ${MAX_METADATA_KEYS} clés) de textes, nombres ou booléens.`,
      bad.map(([key]) => ({ field: `folder.metadata.${key}`, message: 'metadata values must be strings, numbers, booleans or null' })),
    );
  }
  return metadata as FolderMetadata;
}
