import type { AuthContext } from '../../../common/auth';
import type { FolderMetadata } from '../folder.entity';

/** What a folder needs from its typology (type / subtype). */
export interface FolderTypology {
  id: string;
  circuitId: string;
  /** Labels of the annexes a folder of this typology must carry. */
  requiredAnnexes: string[];
}

/**
 * The typologies module as folders see it. Implementations throw the typologies' own DomainErrors:
 * 404 for an unknown or foreign typology, 422 (per-field errors) for metadata failing the schema.
 * `validateFolderMetadata` may answer the metadata to store (coerced to the schema's types); nothing
 * means "store it as given".
 */
export abstract class TypologyCatalog {
  abstract getForFolder(ctx: AuthContext, typologyId: string): Promise<FolderTypology>;
  abstract validateFolderMetadata(ctx: AuthContext, typologyId: string, metadata: FolderMetadata): Promise<FolderMetadata | void>;
}
