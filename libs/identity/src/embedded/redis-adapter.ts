import type Redis from 'ioredis';
import type { Adapter, AdapterPayload } from 'oidc-provider';

/** Models whose records are revoked with their grant (logout, refresh-token reuse). */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

/**
 * The provider's sessions, grants, codes and tokens in Redis (under
 * `<REDIS_PREFIX>:idp:`), so they survive a restart of the API and every API
 * instance behind a load balancer shares them: a person signed in through one
 * is signed in through all. Each record expires with its own TTL; a grant
 * lists the records to revoke with it. The shape of oidc-provider's own
 * reference adapter, on the service's Redis.
 */
export function redisAdapterFactory(redis: Redis, prefix: string) {
  const grantKey = (id: string) => `${prefix}grant:${id}`;
  const uidKey = (uid: string) => `${prefix}uid:${uid}`;
  const userCodeKey = (code: string) => `${prefix}userCode:${code}`;

  return (name: string): Adapter => {
    const key = (id: string) => `${prefix}${name}:${id}`;
    const find = async (id: string | null): Promise<AdapterPayload | undefined> => {
      if (!id) return undefined;
      const data = await redis.get(key(id));
      return data ? (JSON.parse(data) as AdapterPayload) : undefined;
    };
    return {
      async upsert(id, payload, expiresIn) {
        const multi = redis.multi();
        const ttl = expiresIn && expiresIn > 0 ? expiresIn : undefined;
        if (ttl) multi.set(key(id), JSON.stringify(payload), 'EX', ttl);
        else multi.set(key(id), JSON.stringify(payload));
        if (GRANTABLE.has(name) && payload.grantId) {
          multi.rpush(grantKey(payload.grantId), key(id));
          // The grant's list lives as long as the longest-lived record in it.
          const left = await redis.ttl(grantKey(payload.grantId));
          if (ttl && ttl > left) multi.expire(grantKey(payload.grantId), ttl);
        }
        if (payload.uid) {
          if (ttl) multi.set(uidKey(payload.uid), id, 'EX', ttl);
          else multi.set(uidKey(payload.uid), id);
        }
        if (payload.userCode) {
          if (ttl) multi.set(userCodeKey(payload.userCode), id, 'EX', ttl);
          else multi.set(userCodeKey(payload.userCode), id);
        }
        await multi.exec();
      },
      find,
      async findByUid(uid) {
        return find(await redis.get(uidKey(uid)));
      },
      async findByUserCode(userCode) {
        return find(await redis.get(userCodeKey(userCode)));
      },
      async consume(id) {
        const stored = await find(id);
        if (!stored) return;
        const ttl = await redis.ttl(key(id));
        const value = JSON.stringify({ ...stored, consumed: Math.floor(Date.now() / 1000) });
        if (ttl > 0) await redis.set(key(id), value, 'EX', ttl);
        else await redis.set(key(id), value);
      },
      async destroy(id) {
        await redis.del(key(id));
      },
      async revokeByGrantId(grantId) {
        const keys = await redis.lrange(grantKey(grantId), 0, -1);
        await redis.del(...keys, grantKey(grantId));
      },
    };
  };
}
