import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { UtilizationHeatmap } from '../features/utilization/UtilizationPage';
import { cellColour, Heatmap } from './Heatmap';

type Engineer = Schemas['EngineerResponse'];
type Row = Schemas['UtilizationRowResponse'];

function engineer(id: string, name: string, level: Engineer['level'], region: string, skills: string[]): Engineer {
  return {
    id,
    name,
    email: `${id}@x.test`,
    level,
    grade: 1,
    leadCapable: false,
    country: null,
    subdivision: null,
    region,
    timezone: 'UTC',
    weeklyCapacityHours: 40,
    utilizationTarget: 0.7,
    maxUtilization: 1,
    travelLimit: 0.2,
    clearance: null as unknown as Engineer['clearance'],
    billable: true,
    active: true,
    skills: skills.map((key) => ({ key, proficiency: 'experience' })),
    version: 1,
    createdAt: '',
    updatedAt: '',
  };
}

const ENGINEERS = [engineer('e1', 'Ada', 'senior', 'EMEA', ['terraform']), engineer('e2', 'Bo', 'associate', 'AMER', ['ansible']), engineer('e3', 'Cy', 'senior', 'AMER', ['ansible', 'aws'])];
const WEEKS = ['2027-W01', '2027-W02'];
const REPORT: Row[] = ENGINEERS.flatMap((e, i) =>
  WEEKS.map((period, w) => ({ group: e.id, label: e.name, period, capacityHours: 40, plannedHours: 10 * (i + w), utilization: (10 * (i + w)) / 40, target: 0.7, status: 'below' })),
);

function rowNames(): string[] {
  const table = screen.getByRole('table', { name: /Utilization of/ });
  return within(table)
    .getAllByRole('rowheader')
    .map((h) => h.textContent ?? '');
}

describe('utilization heatmap', () => {
  it('colours a cell against the engineer’s own target', () => {
    expect(cellColour({ utilization: null, target: 0.7 })).toBe('#d9d9d9');
    expect(cellColour({ utilization: 0.7, target: 0.7 })).toBe('#2e8b57');
    expect(cellColour({ utilization: 0.7, target: 0.5 })).toBe('#c0392b');
    expect(cellColour({ utilization: 0.5, target: 0.7 })).toBe('#f1c40f');
    expect(cellColour({ utilization: 0.7, target: 0.9 })).toBe('#9acd32');
    expect(cellColour({ utilization: 0.1, target: 0.7 })).toBe('#aed6f1');
  });

  it('draws the chart and the same numbers as a table of engineers × weeks', () => {
    render(<Heatmap rows={[{ id: 'e1', label: 'Ada', cells: [{ period: '2027-W01', utilization: 0.5, target: 0.7, plannedHours: 20, capacityHours: 40 }] }]} periods={['2027-W01', '2027-W02']} caption="Utilization of 1 engineers, 2 weeks" />);
    expect(screen.getByRole('img', { name: 'Utilization of 1 engineers, 2 weeks' }).querySelector('svg')).not.toBeNull();
    const table = screen.getByRole('table', { name: 'Utilization of 1 engineers, 2 weeks' });
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Engineer', '2027-W01', '2027-W02']);
    expect(within(table).getAllByRole('cell').map((c) => c.textContent)).toEqual(['50%', '—']);
  });

  it('filters engineers by level, region and skill', async () => {
    const user = userEvent.setup();
    render(<UtilizationHeatmap report={REPORT} engineers={ENGINEERS} />);
    expect(rowNames()).toEqual(['Ada', 'Bo', 'Cy']);
    await user.selectOptions(screen.getByLabelText('Level'), 'senior');
    expect(rowNames()).toEqual(['Ada', 'Cy']);
    await user.selectOptions(screen.getByLabelText('Region'), 'AMER');
    expect(rowNames()).toEqual(['Cy']);
    await user.selectOptions(screen.getByLabelText('Level'), '');
    await user.selectOptions(screen.getByLabelText('Skill'), 'ansible');
    expect(rowNames()).toEqual(['Bo', 'Cy']);
    expect(screen.getByRole('img', { name: 'Utilization of 2 engineers, 2 weeks' })).toBeTruthy();
  });

  it('pages through a large organisation 40 engineers at a time', async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 95 }, (_, i) => engineer(`m${String(i).padStart(3, '0')}`, `Eng ${String(i).padStart(3, '0')}`, 'senior', 'EMEA', []));
    const report: Row[] = many.map((e) => ({ group: e.id, label: e.name, period: '2027-W01', capacityHours: 40, plannedHours: 20, utilization: 0.5, target: 0.7, status: 'below' }));
    render(<UtilizationHeatmap report={report} engineers={many} />);
    expect(rowNames()).toHaveLength(40);
    expect(screen.getByText('Page 1 of 3')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next engineers' }));
    await user.click(screen.getByRole('button', { name: 'Next engineers' }));
    expect(rowNames()).toEqual(['Eng 080', 'Eng 081', 'Eng 082', 'Eng 083', 'Eng 084', 'Eng 085', 'Eng 086', 'Eng 087', 'Eng 088', 'Eng 089', 'Eng 090', 'Eng 091', 'Eng 092', 'Eng 093', 'Eng 094']);
    expect(screen.getByRole('button', { name: 'Next engineers' })).toHaveProperty('disabled', true);
  });
});
