import { describe, expect, it } from 'vitest';
import { defaultSegmenter } from '../../text';
import { opinionTerms, placeOf } from './terms';

describe('placeOf', () => {
  it('names the place up to the building', () => {
    expect(placeOf('明远家园二期15号楼2单元1203室')).toBe('明远家园二期');
    expect(placeOf('明远家园3号楼')).toBe('明远家园');
    expect(placeOf('单身公寓A座12层')).toBe('单身公寓');
    expect(placeOf('机加工车间')).toBe('机加工车间');
    expect(placeOf('倒班宿舍三号楼')).toBe('倒班宿舍');
    expect(placeOf(null)).toBe('');
  });

  it('counts a Traditional address with its Simplified form', () => {
    expect(placeOf('明遠家園二期15號樓')).toBe('明远家园二期');
  });
});

describe('opinionTerms', () => {
  it('keeps the subject and leaves out the place', () => {
    const terms = opinionTerms(defaultSegmenter(), '明远家园小区停车难，晚上车位不够，很多车停在消防通道上，存在安全隐患。', '明远家园');
    expect(terms).toEqual(expect.arrayContaining(['停车难', '车位', '消防通道']));
    expect(terms).not.toContain('明远家园');
    expect(terms.length).toBeLessThanOrEqual(6);
  });
});
