import { parseModel, validateModel, ModelValidationError } from './model-validator';

const valid = {
  schemaVersion: 1,
  periods: 2,
  agents: [{ id: 'a', capacity: [5, 5] }],
  tasks: [{ id: 't', load: { '0': 2 }, unassignedPrice: 10 }],
  pairs: [{ agent: 'a', task: 't', cost: 1 }],
};

describe('validateModel', () => {
  it('accepts a valid model', () => {
    expect(validateModel(valid)).toEqual([]);
    expect(parseModel(valid).tasks[0].id).toBe('t');
  });

  it.each([
    [{ ...valid, schemaVersion: 2 }, 'schemaVersion', 'must be 1'],
    [{ ...valid, tasks: [{ id: 't', load: { '12': 1 }, unassignedPrice: 1 }] }, 'tasks[0].load', 'period 12 out of range'],
    [{ ...valid, agents: [{ id: 'a', capacity: [5] }] }, 'agents[0].capacity', 'must have 2 entries'],
    [{ ...valid, pairs: [{ agent: 'zz', task: 't', cost: 1 }] }, 'pairs[0].agent', 'unknown agent "zz"'],
    [{ ...valid, pairs: [{ agent: 'a', task: 't', cost: 'x' }] }, 'pairs[0].cost', 'finite number'],
    [{ ...valid, fixed: [{ agent: 'a', task: 'nope' }] }, 'fixed[0].task', 'unknown task'],
    [{ ...valid, tasks: [{ id: 't', load: {}, unassignedPrice: -1 }] }, 'tasks[0].unassignedPrice', '>= 0'],
    [{ ...valid, tasks: [{ id: 't', load: {}, unassignedPrice: 1, requiresLead: true }] }, 'tasks[0].group', 'required'],
  ])('names the bad path (%#)', (model, path, message) => {
    const issues = validateModel(model);
    expect(issues.some((i) => i.path === path && i.message.includes(message))).toBe(true);
  });

  it('reports duplicates and throws a ModelValidationError from parseModel', () => {
    const dup = { ...valid, agents: [valid.agents[0], valid.agents[0]] };
    expect(validateModel(dup)).toEqual([{ path: 'agents[1].id', message: 'duplicate id "a"' }]);
    expect(() => parseModel(dup)).toThrow(ModelValidationError);
    expect(() => parseModel('nope')).toThrow('$: model must be a JSON object');
  });
});
