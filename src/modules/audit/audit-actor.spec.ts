import { ActorKind, type AuthContext } from '../../common/auth';
import { auditActorOf } from './audit-actor';

const person: AuthContext = { tenantId: 't', actorKind: ActorKind.User, userId: 'u1', apiClientId: null, scopes: [], displayName: 'Anne Martin' };
const client: AuthContext = { tenantId: 't', actorKind: ActorKind.ApiClient, userId: null, apiClientId: 'k1', scopes: [] };

describe('auditActorOf', () => {
  it('records a person with their name, and the desk details given', () => {
    expect(auditActorOf(person, { deskId: 'd1', onBehalfOfDeskId: 'd2', onBehalfOfName: 'Maire' })).toEqual({
      kind: 'user', id: 'u1', name: 'Anne Martin', deskId: 'd1', onBehalfOfDeskId: 'd2', onBehalfOfName: 'Maire',
    });
  });

  it('records an API client by key id, without undefined fields', () => {
    const actor = auditActorOf(client);
    expect(actor).toEqual({ kind: 'api_client', id: 'k1' });
    expect(Object.keys(actor)).toEqual(['kind', 'id']);
  });

  it('records a worker, and lets the details name the person it acts for', () => {
    expect(auditActorOf({ tenantId: 't', kind: 'worker', id: 'signing-worker' })).toEqual({ kind: 'worker', id: 'signing-worker' });
    expect(auditActorOf({ tenantId: 't', kind: 'worker', id: 'signing-worker' }, { kind: 'user', id: 'u1', name: 'Anne Martin' })).toEqual({
      kind: 'user', id: 'u1', name: 'Anne Martin',
    });
  });
});
