import 'echarts-wordcloud';
import { useMemo } from 'react';
import { EChart, type ChartOption } from '../../dashboard/components/EChart';

const COLORS = ['#0958d9', '#1d39c4', '#237804', '#ad4e00', '#c41d7f', '#531dab', '#08979c'];

/** The words of the recent window, sized by how many appeals used them; a click picks the word. */
export function WordCloud({ words, onPick }: { words: { term: string; count: number }[]; onPick?: (term: string) => void }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { formatter: (item: { name: string; value: number }) => `${item.name}：${item.value} 件` },
      series: [
        {
          type: 'wordCloud',
          shape: 'circle',
          gridSize: 6,
          sizeRange: [13, 44],
          rotationRange: [0, 0],
          drawOutOfBound: false,
          textStyle: { fontFamily: 'sans-serif', color: (item: { dataIndex: number }) => COLORS[item.dataIndex % COLORS.length] },
          data: words.map((word) => ({ name: word.term, value: word.count })),
        },
      ],
    }),
    [words],
  );
  const summary = words
    .slice(0, 10)
    .map((word) => `${word.term} ${word.count} 件`)
    .join('，');
  return (
    <EChart
      option={option}
      label={`近七天诉求高频词：${summary}`}
      testId="opinion-word-cloud"
      onItemClick={(index) => onPick?.(words[index].term)}
    />
  );
}
