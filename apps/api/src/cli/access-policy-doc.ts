import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAccessPolicyMarkdown } from '../http/access-policy';

/** Writes docs/access-policy.md from the policy table (a unit test fails while it is out of date). */
const target = join(__dirname, '../../../../docs/access-policy.md');
writeFileSync(target, renderAccessPolicyMarkdown());
process.stdout.write(`Wrote ${target}\n`);
