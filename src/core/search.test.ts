import { describe, expect, it } from 'vitest';
import { matchingForm } from '../text';
import { snippet } from './search';

const hits = (parts: ReturnType<typeof snippet>) => parts.filter((part) => part.hit).map((part) => part.text);
const whole = (parts: ReturnType<typeof snippet>) => parts.map((part) => part.text).join('');

describe('snippet', () => {
  it('marks every hit of the words in a passage around the first one', () => {
    const text = `${'前面的话很长。'.repeat(6)}东风小区的路灯不亮，路灯杆也歪了。`;
    const parts = snippet(text, ['路灯']);
    expect(hits(parts)).toEqual(['路灯', '路灯']);
    expect(parts[0]).toEqual({ text: '…', hit: false });
    expect(whole(parts)).toContain('东风小区的路灯不亮');
  });

  it('shows Traditional text as written, with the hits of a Simplified word marked in it', () => {
    expect(hits(snippet('社區垃圾清運不及時', ['垃圾', '清运']))).toEqual(['垃圾', '清運']);
  });

  it('finds a word whose matching form differs from the text as written (显著 is matched as 显着)', () => {
    const [word] = [matchingForm('显著')];
    expect(word).not.toBe('显著');
    expect(hits(snippet('路面塌陷问题显著，请尽快处理', [word]))).toEqual(['显著']);
  });

  it('matches letters in any case', () => {
    expect(hits(snippet('楼道里的WiFi信号太弱', ['wifi']))).toEqual(['WiFi']);
  });

  it('gives the start of the text when no word is in it', () => {
    expect(snippet('没有命中的文字', ['路灯'])).toEqual([{ text: '没有命中的文字', hit: false }]);
  });
});
