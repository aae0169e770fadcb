import { redisOptions } from '../queue/redis-connection';
import { AppConfig, parseDatabaseUrl } from './app-config';

describe('database URLs naming a cluster', () => {
  it('takes one host or several, in order, with their ports', () => {
    expect(parseDatabaseUrl('mysql://root:@127.0.0.1:3306/crs')).toMatchObject({
      host: '127.0.0.1',
      port: 3306,
      hosts: [{ host: '127.0.0.1', port: 3306 }],
      user: 'root',
      password: '',
      database: 'crs',
    });
    const c = parseDatabaseUrl('mysql://app:p%40ss@db1:3307,db2,db3:3309/credit_risk?x=1');
    expect(c.hosts).toEqual([
      { host: 'db1', port: 3307 },
      { host: 'db2', port: 3306 },
      { host: 'db3', port: 3309 },
    ]);
    expect(c).toMatchObject({
      host: 'db1',
      port: 3307,
      user: 'app',
      password: 'p@ss',
      database: 'credit_risk',
    });
  });

  it('lets DATABASE_HOSTS name the nodes instead, and refuses a malformed list', () => {
    const config = AppConfig.fromEnvironment({
      DATABASE_URL: 'mysql://root:@localhost/crs',
      DATABASE_HOSTS: 'g1:3306,g2:3306,g3:3306',
      NODE_ENV: 'test',
    });
    expect(config.database.hosts.map((h) => h.host)).toEqual(['g1', 'g2', 'g3']);
    expect(() =>
      AppConfig.fromEnvironment({ DATABASE_HOSTS: 'g1:3306;g2', NODE_ENV: 'test' }),
    ).toThrow(/DATABASE_HOSTS/);
  });
});

describe('Redis through Sentinel', () => {
  it('asks the sentinels for the named primary, keeping the password and database of REDIS_URL', () => {
    const o = redisOptions({
      REDIS_URL: 'redis://:secret@ignored:6379/2',
      REDIS_SENTINELS: 's1:26379,s2:26380',
      REDIS_SENTINEL_NAME: 'crs-main',
    });
    expect(o).toMatchObject({
      name: 'crs-main',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26380 },
      ],
      password: 'secret',
      db: 2,
      maxRetriesPerRequest: null,
    });
    expect(o).not.toHaveProperty('host');
    const reconnect = o.reconnectOnError as (e: Error) => boolean;
    expect(reconnect(new Error("READONLY You can't write against a read only replica."))).toBe(
      true,
    );
    expect(reconnect(new Error('ERR unknown command'))).toBe(false);
  });

  it('connects straight to REDIS_URL without sentinels', () => {
    expect(redisOptions({ REDIS_URL: 'redis://127.0.0.1:6380' })).toMatchObject({
      host: '127.0.0.1',
      port: 6380,
      db: 0,
    });
  });
});
