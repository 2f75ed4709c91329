import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { UserSignatureImage } from '../../sessions/signature-image.entity';
import { Tenant } from '../../tenants/tenant.entity';
import { Desk } from '../../users/desk.entity';
import { User } from '../../users/user.entity';
import type { SignatureTaskView } from './signature-tasks.repository';

export interface StampNames {
  signerName: string;
  /** The signer's title, else the desk's name. */
  title: string | null;
  /** The desk acted for through a delegation. */
  onBehalfOf: string | null;
  /** The signer's handwritten signature (PNG) saved to their profile, printed in the stamp. */
  image: Buffer | null;
}

/** Names printed in the stamp and recorded with the version: the signer (or the tenant for a seal), the desks; the signer's handwritten signature. */
@Injectable()
export class SigningNamesRepository {
  async forTask(manager: EntityManager, task: SignatureTaskView): Promise<StampNames> {
    const deskIds = [task.deskId, task.onBehalfOfDeskId].filter((id): id is string => id !== null);
    const desks = deskIds.length ? await manager.getRepository(Desk).findBy({ tenantId: task.tenantId, id: In(deskIds) }) : [];
    const deskName = (id: string | null) => desks.find((desk) => desk.id === id)?.name ?? null;
    if (task.signerUserId === null) {
      const tenant = await manager.getRepository(Tenant).findOneBy({ id: task.tenantId });
      return { signerName: tenant?.name ?? 'Cachet de la collectivité', title: deskName(task.deskId) ?? 'Cachet', onBehalfOf: null, image: null };
    }
    const user = await manager.getRepository(User).findOneBy({ tenantId: task.tenantId, id: task.signerUserId });
    const image = await manager.getRepository(UserSignatureImage).findOneBy({ tenantId: task.tenantId, userId: task.signerUserId });
    return {
      signerName: user?.displayName ?? 'Signataire',
      title: user?.title ?? (task.onBehalfOfDeskId ? null : deskName(task.deskId)),
      onBehalfOf: deskName(task.onBehalfOfDeskId),
      image: image?.png ?? null,
    };
  }
}
