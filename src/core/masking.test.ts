import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, scrubPersonalData } from './masking';

describe('display masking (checklist §4)', () => {
  it('masks a mobile number to 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        expect(maskPhone(phone)).toMatch(/^1\d{2}\*{4}\d{4}$/);
      }),
    );
  });

  it('never shows the eight birth-date digits of an ID number (MS-04)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskIdNumber(id)!;
        expect(masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
        expect(masked.slice(6, 14)).toBe('********');
      }),
    );
  });

  it('keeps the surname only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳修文')).toBe('欧**文');
  });

  it('removes phone and ID numbers written into free text', () => {
    const text = '我的电话13812341234，身份证110105199001011234，座机010-88886666，请联系。';
    const scrubbed = scrubPersonalData(text);
    expect(scrubbed).not.toMatch(/13812341234|19900101|88886666/);
    expect(scrubbed).toContain('138****1234');
  });
});
