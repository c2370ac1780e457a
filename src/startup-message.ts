import type { DemoLogins } from './demo/index.ts';

/** What start-up prints: where Linkway is, where the public referral form is, and any demo sign-ins. */
export function startupMessage(url: string, databaseText: string, demo: DemoLogins | null): string {
  const lines = [
    '',
    `Linkway is running at ${url} (database: ${databaseText})`,
    `The public referral form is at ${url.replace(/\/$/, '')}/refer`,
  ];
  if (demo) {
    lines.push('', `A demo scheme was created. Sign in with any of these (password for all: ${demo.password}):`);
    for (const login of demo.logins) lines.push(`  ${login.role.padEnd(12)} ${login.email}`);
    lines.push('  The admin must set up a second factor on first sign-in (any authenticator app).');
  }
  return lines.join('\n');
}
