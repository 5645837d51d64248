import { PageTitle } from '../../../console/PageTitle';
import { DangerWordsCard } from './DangerWordsCard';
import { DictionaryCard } from './DictionaryCard';

/** 系统管理员: the words the text pipeline keeps whole, and the words that make an appeal 特急. */
export default function TextSettingsPage() {
  return (
    <>
      <PageTitle title="文本与诉求设置" />
      <DictionaryCard />
      <DangerWordsCard />
    </>
  );
}
