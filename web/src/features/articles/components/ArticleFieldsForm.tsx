import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ARTICLE_KIND_LABELS, ARTICLE_KINDS, type ArticleFields, type ArticleKind } from '../types';

/** The form's shape: dates as dayjs, the text and the references one line each. */
export interface ArticleFormValues {
  kind: ArticleKind;
  title: string;
  author?: string;
  authorUnit?: string;
  publishedOn?: Dayjs | null;
  journal?: string;
  issue?: string;
  keywords: string[];
  body: string;
  references?: string;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const orNull = (text: string | undefined) => text?.trim() || null;

export const formValuesOf = (fields: ArticleFields): ArticleFormValues => ({
  kind: fields.kind,
  title: fields.title,
  author: fields.author ?? undefined,
  authorUnit: fields.authorUnit ?? undefined,
  publishedOn: fields.publishedOn ? dayjs(fields.publishedOn) : null,
  journal: fields.journal ?? undefined,
  issue: fields.issue ?? undefined,
  keywords: fields.keywords,
  body: fields.paragraphs.join('\n'),
  references: fields.references.join('\n'),
});

export const fieldsOf = (values: ArticleFormValues): ArticleFields => ({
  kind: values.kind,
  title: values.title.trim(),
  author: orNull(values.author),
  authorUnit: orNull(values.authorUnit),
  publishedOn: values.publishedOn ? values.publishedOn.format('YYYY-MM-DD') : null,
  journal: orNull(values.journal),
  issue: orNull(values.issue),
  keywords: [...new Set(values.keywords.map((keyword) => keyword.trim()).filter(Boolean))],
  paragraphs: lines(values.body),
  references: lines(values.references),
});

/** A server error's field (`body.paragraphs`) as the form's (`body`). */
export const FORM_FIELD_OF: Record<string, keyof ArticleFormValues> = {
  kind: 'kind',
  title: 'title',
  author: 'author',
  authorUnit: 'authorUnit',
  publishedOn: 'publishedOn',
  journal: 'journal',
  issue: 'issue',
  keywords: 'keywords',
  paragraphs: 'body',
  references: 'references',
};

/** The fields of an article for a worker to check and correct; inside the caller's Form. */
export function ArticleFieldsForm() {
  return (
    <>
      <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
        <Select style={{ width: 160 }} options={ARTICLE_KINDS.map((kind) => ({ value: kind, label: ARTICLE_KIND_LABELS[kind] }))} />
      </Form.Item>
      <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <div className="article-form-row">
        <Form.Item label="作者" name="author">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="作者单位" name="authorUnit">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="发表日期" name="publishedOn">
          <DatePicker placeholder="选择日期" />
        </Form.Item>
      </div>
      <div className="article-form-row">
        <Form.Item label="期刊" name="journal">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="期号" name="issue" extra="如 2019年19期">
          <Input maxLength={50} />
        </Form.Item>
      </div>
      <Form.Item label="关键词" name="keywords" extra="输入后按回车添加，点 × 删除">
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ';', '；', '、']} maxCount={20} />
      </Form.Item>
      <Form.Item label="正文" name="body" rules={[{ required: true, whitespace: true, message: '正文不能为空' }]} extra="每行一段">
        <Input.TextArea autoSize={{ minRows: 10, maxRows: 30 }} />
      </Form.Item>
      <Form.Item label="参考文献" name="references" extra="每行一条">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} />
      </Form.Item>
    </>
  );
}
