import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Role } from '@app/core';
import { isJurisdiction, isValidUscc, normalizeUscc } from '@app/core';
import { DEVELOPMENT_PASSWORD, verifyPassword } from './password';

const role = z.enum(['admin', 'regulator', 'enterprise']);

const accountSchema = z
  .object({
    username: z.string().regex(/^[\w.-]{1,64}$/),
    name: z.string().min(1).max(100),
    nameEn: z.string().min(1).max(100),
    role,
    region: z.string().refine(isJurisdiction, 'a division code of 2, 4 or 6 digits').optional(),
    uscc: z.string().refine(isValidUscc, 'a valid USCC').transform(normalizeUscc).optional(),
    passwordHash: z.string().startsWith('scrypt$'),
  })
  .strict()
  .refine((a) => a.role !== 'regulator' || a.region, 'a regulator needs a region')
  .refine((a) => a.role !== 'enterprise' || a.uscc, 'an enterprise account needs a uscc');

const clientSchema = z
  .object({
    clientId: z.string().regex(/^[\w.-]{1,64}$/),
    /** Shown on the sign-in page: who is asking the person to sign in. */
    name: z.string().min(1).max(100).optional(),
    public: z.boolean().optional(),
    secretEnv: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .optional(),
    devSecret: z.string().min(8).optional(),
    redirectUris: z.array(z.string().startsWith('/')).optional(),
    postLogoutRedirectUris: z.array(z.string().startsWith('/')).optional(),
    grantTypes: z.array(z.enum(['authorization_code', 'refresh_token', 'client_credentials'])),
    scope: z.string(),
    role: role.optional(),
    region: z.string().refine(isJurisdiction).optional(),
    uscc: z.string().refine(isValidUscc).optional(),
  })
  .strict()
  .refine((c) => c.public || c.secretEnv, 'a confidential client needs secretEnv')
  .refine(
    (c) => !c.grantTypes.includes('client_credentials') || c.role,
    'a client_credentials client needs a role',
  );

export type Account = z.infer<typeof accountSchema>;
export type ClientEntry = z.infer<typeof clientSchema>;

/** The claims a token or ID token carries for an account or a system client. */
export interface IdentityClaims {
  name?: string;
  role: Role;
  region?: string;
  uscc?: string;
}

export const claimsOf = (a: Account | ClientEntry): IdentityClaims => ({
  ...('name' in a ? { name: a.name } : {}),
  role: a.role!,
  ...(a.region ? { region: a.region } : {}),
  ...(a.uscc ? { uscc: a.uscc } : {}),
});

/**
 * The embedded provider's accounts and clients, as data in
 * config/identity/{accounts,clients}.yaml. Checked at boot: a malformed entry
 * stops the service with a message naming it, and in production so does a
 * development password or a missing client secret.
 */
export class Directory {
  private constructor(
    readonly accounts: ReadonlyMap<string, Account>,
    readonly clients: readonly (ClientEntry & { secret?: string })[],
  ) {}

  static async load(dir: string, production: boolean): Promise<Directory> {
    const read = (file: string) => parse(readFileSync(join(dir, file), 'utf8')) as unknown;
    const accounts = z.object({ accounts: z.array(accountSchema) }).parse(read('accounts.yaml'));
    const clients = z.object({ clients: z.array(clientSchema) }).parse(read('clients.yaml'));
    const problems: string[] = [];
    if (production) {
      for (const a of accounts.accounts) {
        if (await verifyPassword(DEVELOPMENT_PASSWORD, a.passwordHash)) {
          problems.push(`account ${a.username} still has the development password`);
        }
      }
    }
    const withSecrets = clients.clients.map((c) => {
      if (c.public) return c;
      const secret = process.env[c.secretEnv!] ?? (production ? undefined : c.devSecret);
      if (!secret) problems.push(`client ${c.clientId}: set ${c.secretEnv}`);
      return { ...c, secret };
    });
    if (problems.length) {
      throw new Error(`embedded OpenID provider refused to start:\n  - ${problems.join('\n  - ')}`);
    }
    return new Directory(new Map(accounts.accounts.map((a) => [a.username, a])), withSecrets);
  }
}
