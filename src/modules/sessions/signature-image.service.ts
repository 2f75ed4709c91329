import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActorKind, type AuthContext } from '../../common/auth';
import { AuditService } from '../audit/audit.service';
import type { SignatureImageDto } from './dto/signature-image.dto';
import { peopleOnly } from './login.service';
import type { UserSignatureImage } from './signature-image.entity';
import { SignatureImagesRepository } from './signature-images.repository';
import { checkSignaturePng } from './signature-png';
import { SessionError, SessionErrorCode } from './sessions.errors';

/** The logged-in person's handwritten signature: saved once, printed in each of their visible stamps. */
@Injectable()
export class SignatureImageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly images: SignatureImagesRepository,
    private readonly audit: AuditService,
  ) {}

  async save(auth: AuthContext, png: Buffer | undefined): Promise<SignatureImageDto> {
    const userId = personOf(auth);
    if (!png || png.length === 0) {
      throw new SessionError(SessionErrorCode.SignatureImageRequired, 'Joignez l’image de votre signature au format PNG dans le champ « file » (multipart/form-data).');
    }
    const check = checkSignaturePng(png);
    if (!check.ok) throw new SessionError(SessionErrorCode.SignatureImageInvalid, `Image de signature refusée : ${check.reason}. Envoyez le PNG produit par le pavé de signature.`);
    const sha256 = createHash('sha256').update(png).digest('hex');
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await this.images.upsert(manager, { tenantId: auth.tenantId, userId, png, width: check.width, height: check.height, sha256 });
      await this.audit.append(manager, auth, { action: 'user.signature-image-saved', payload: { userId, sha256, width: check.width, height: check.height } });
      return row;
    });
    return toDto(saved);
  }

  async get(auth: AuthContext): Promise<UserSignatureImage> {
    const image = await this.images.find(auth.tenantId, personOf(auth));
    if (!image) throw missing();
    return image;
  }

  async remove(auth: AuthContext): Promise<void> {
    const userId = personOf(auth);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.images.delete(manager, auth.tenantId, userId))) throw missing();
      await this.audit.append(manager, auth, { action: 'user.signature-image-deleted', payload: { userId } });
    });
  }
}

export function toDto(image: UserSignatureImage): SignatureImageDto {
  return { width: image.width, height: image.height, size: image.png.length, sha256: image.sha256, updatedAt: image.updatedAt.toISOString() };
}

function personOf(auth: AuthContext): string {
  if (auth.actorKind !== ActorKind.User || !auth.userId) throw peopleOnly();
  return auth.userId;
}

function missing(): SessionError {
  return new SessionError(SessionErrorCode.SignatureImageMissing, 'Aucune signature manuscrite enregistrée : dessinez-la sur le pavé de signature, puis enregistrez-la (PUT /api/v1/me/signature-image).');
}
