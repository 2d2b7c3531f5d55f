import { validateCustomer } from './customers.service';

describe('validateCustomer', () => {
  it('needs a clearance for public sector and none otherwise', () => {
    expect(validateCustomer({ name: 'A', region: 'AMER', publicSector: true, requiredClearance: 'secret' })).toEqual([]);
    expect(validateCustomer({ name: 'A', region: 'AMER', publicSector: false, requiredClearance: null })).toEqual([]);
    expect(validateCustomer({ name: 'A', region: 'AMER', publicSector: true, requiredClearance: null })[0]).toMatchObject({ field: 'requiredClearance', rule: 'requiredWhenPublicSector' });
    expect(validateCustomer({ name: 'A', region: 'AMER', publicSector: false, requiredClearance: 'secret' })[0]).toMatchObject({ rule: 'onlyWhenPublicSector' });
  });
});
