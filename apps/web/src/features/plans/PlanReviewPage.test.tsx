import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { KpiTable } from './PlanReviewPage';

describe('KpiTable', () => {
  it('shows the named KPIs before and after, fractions as percentages, and any new numeric KPI under its key', () => {
    render(
      <KpiTable
        before={{ meanUtilization: 0.612, engineersBelowTarget: 14, unstaffedHours: 320, maxTravelFraction: 0.2, note: 'ignored' }}
        after={{ meanUtilization: 0.7049, engineersBelowTarget: 6, unstaffedHours: 0, maxTravelFraction: 0.15, teamsBalanced: 3 }}
      />,
    );
    const table = screen.getByRole('table', { name: 'KPIs before and after' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Mean utilization', '61.2%', '70.5%'],
      ['Engineers below target', '14', '6'],
      ['Unstaffed hours', '320', '0'],
      ['Highest travel fraction', '20.0%', '15.0%'],
      ['teamsBalanced', '—', '3'],
    ]);
  });

  it('renders nothing while the plan has no KPIs yet', () => {
    const { container } = render(<KpiTable before={null} after={undefined} />);
    expect(container.innerHTML).toBe('');
  });
});
