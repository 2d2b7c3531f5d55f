import { Injectable, Logger } from '@nestjs/common';
import { addDays, Level, SkillRequirement } from '@sow/domain';
import { ScenariosRepository, UsersRepository } from '@sow/persistence';
import { DataSource } from 'typeorm';
import { demoEmailOf, mondayOf } from '../demo/demo-organisation';
import { parseScenarioChange } from './scenario-changes';

export const DEMO_PIPELINE_NAME = 'Pipeline: next quarter';

interface PipelineDealSpec {
  customer: string;
  title: string;
  winProbability: number;
  items: Array<{ title: string; weeks: [number, number]; hours: number; minLevel: Level; skills: Array<[string, SkillRequirement['minProficiency']]>; onsiteDays?: number }>;
}

/**
 * The demo's pipeline: deals the team is not sized or skilled for (GitLab on AKS, Go integrations) beside
 * ones it can take (a GKE site, an Azure DevOps migration), with win probabilities, so its hiring plan is
 * not empty.
 * Weeks count from the demo's Monday.
 */
export const DEMO_PIPELINE: readonly PipelineDealSpec[] = [
  {
    customer: 'Kestrel Telecom',
    title: 'GitLab on AKS',
    winProbability: 0.8,
    items: [
      { title: 'Cloud Native Hybrid on AKS (5k)', weeks: [2, 12], hours: 400, minLevel: 'senior', skills: [['azure', 'mastery'], ['kubernetes', 'mastery']] },
      { title: 'Runner fleet on AKS', weeks: [4, 11], hours: 200, minLevel: 'intermediate', skills: [['kubernetes', 'experience'], ['azure', 'experience']] },
    ],
  },
  {
    customer: 'Sakura Mobility',
    title: 'Go integration services',
    winProbability: 0.6,
    items: [{ title: 'Custom Go webhooks and API integrations', weeks: [3, 12], hours: 360, minLevel: 'senior', skills: [['go', 'mastery'], ['kubernetes', 'experience']] }],
  },
  {
    customer: 'Nordlicht Automotive',
    title: 'GKE second site',
    winProbability: 0.5,
    items: [{ title: 'GitLab Geo secondary on GKE', weeks: [2, 10], hours: 300, minLevel: 'senior', skills: [['gcp', 'mastery'], ['kubernetes', 'mastery']] }],
  },
  {
    customer: 'Meridian Bank',
    title: 'Azure DevOps to GitLab migration',
    winProbability: 0.9,
    items: [{ title: 'Azure DevOps repositories and pipelines', weeks: [2, 9], hours: 260, minLevel: 'intermediate', skills: [['azure-devops', 'experience'], ['congregate', 'experience']] }],
  },
];

/**
 * Seeds the demo's pipeline scenario for its AMER senior manager, every deal validated as an API request
 * would be (no queues needed: the seed CLI runs it too). Idempotent: an existing pipeline scenario is left alone.
 */
@Injectable()
export class DemoPipelineService {
  private readonly logger = new Logger(DemoPipelineService.name);

  constructor(
    private readonly scenarioRows: ScenariosRepository,
    private readonly users: UsersRepository,
    private readonly dataSource: DataSource,
  ) {}

  async seed(options: { today?: string } = {}): Promise<string | null> {
    const user = await this.users.findByEmail(demoEmailOf('Dana Whitfield'));
    if (!user) return null;
    const [existing] = await this.scenarioRows.listVisible(user.id, 50, 0);
    const found = existing.find((s) => s.name === DEMO_PIPELINE_NAME);
    if (found) return found.id;
    const monday = mondayOf(options.today ?? new Date().toISOString().slice(0, 10));
    const id = await this.dataSource.transaction(async (tx) => {
      const scenario = await this.scenarioRows.insert({ name: DEMO_PIPELINE_NAME, ownerId: user.id }, tx);
      for (const deal of DEMO_PIPELINE) {
        const rows = (await tx.query(`SELECT id, name, region FROM customers WHERE name = $1 LIMIT 1`, [deal.customer])) as Array<{ id: string; name: string; region: string }>;
        if (rows.length === 0) continue;
        const change = parseScenarioChange({
          kind: 'add_sow',
          title: deal.title,
          customerId: rows[0].id,
          winProbability: deal.winProbability,
          items: deal.items.map((i) => ({
            title: i.title,
            startDate: addDays(monday, 7 * i.weeks[0]),
            endDate: addDays(monday, 7 * i.weeks[1] + 4),
            estimatedHours: i.hours,
            minLevel: i.minLevel,
            requiredSkills: i.skills.map(([key, minProficiency]) => ({ key, minProficiency })),
            onsiteDays: i.onsiteDays ?? 0,
          })),
        });
        const { kind, ...payload } = { ...change, customerName: rows[0].name, customerRegion: rows[0].region };
        await this.scenarioRows.addChange({ scenarioId: scenario.id, kind, payload: payload as Record<string, unknown> }, tx);
      }
      return scenario.id;
    });
    this.logger.log(`Seeded the demo pipeline scenario ${id}`);
    return id;
  }
}
