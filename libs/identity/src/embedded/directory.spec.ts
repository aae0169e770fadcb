import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Directory } from './directory';
import { hashPassword, verifyPassword } from './password';

const CONFIG = join(__dirname, '../../../../config/identity');

describe('the embedded provider’s directory', () => {
  it('loads the shipped accounts and clients, with the development secrets outside production', async () => {
    const d = await Directory.load(CONFIG, false);
    expect([...d.accounts.keys()]).toEqual(
      expect.arrayContaining([
        'admin',
        'reg-33',
        'reg-3301',
        'reg-330106',
        'reg-4403',
        'ent-91330106MA2B3C4D5D',
      ]),
    );
    expect(d.accounts.get('reg-3301')).toMatchObject({ role: 'regulator', region: '3301' });
    expect(d.clients.find((c) => c.clientId === 'crs-batch')).toMatchObject({
      secret: 'dev-batch-secret',
      role: 'admin',
    });
    expect(await verifyPassword('dev-password', d.accounts.get('admin')!.passwordHash)).toBe(true);
    expect(await verifyPassword('Dev-password', d.accounts.get('admin')!.passwordHash)).toBe(false);
  });

  it('refuses to start in production with development passwords or without client secrets, naming each', async () => {
    await expect(Directory.load(CONFIG, true)).rejects.toThrow(
      /account admin still has the development password[\s\S]*client crs-batch: set IDP_CLIENT_SECRET_CRS_BATCH/,
    );
  });

  it('starts in production with real passwords and secrets from the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crs-directory-'));
    try {
      const accounts = readFileSync(join(CONFIG, 'accounts.yaml'), 'utf8').replace(
        /passwordHash: .*/g,
        `passwordHash: ${await hashPassword('a-real-password-1')}`,
      );
      writeFileSync(join(dir, 'accounts.yaml'), accounts);
      writeFileSync(join(dir, 'clients.yaml'), readFileSync(join(CONFIG, 'clients.yaml')));
      process.env.IDP_CLIENT_SECRET_CRS_BATCH = 's'.repeat(32);
      process.env.IDP_CLIENT_SECRET_PARTNER_ZJ_CREDIT = 'p'.repeat(32);
      const d = await Directory.load(dir, true);
      expect(d.clients.find((c) => c.clientId === 'crs-batch')!.secret).toBe('s'.repeat(32));
    } finally {
      delete process.env.IDP_CLIENT_SECRET_CRS_BATCH;
      delete process.env.IDP_CLIENT_SECRET_PARTNER_ZJ_CREDIT;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a malformed entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crs-directory-'));
    try {
      writeFileSync(
        join(dir, 'accounts.yaml'),
        'accounts:\n  - username: x\n    name: X\n    nameEn: X\n    role: regulator\n    passwordHash: scrypt$1\n',
      );
      writeFileSync(join(dir, 'clients.yaml'), 'clients: []\n');
      await expect(Directory.load(dir, false)).rejects.toThrow(/a regulator needs a region/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
