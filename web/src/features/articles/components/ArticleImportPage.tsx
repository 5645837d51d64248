import { FileTextOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Space } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { PageTitle } from '../../../console/PageTitle';
import { errorField, errorMessage } from '../../../shared/http';
import { useExtractArticle, useImportArticle } from '../queries';
import { MAX_TEXT_FILE_BYTES, readTextFile } from '../readTextFile';
import { MAX_ORIGINAL_CHARS, type RemovedLine } from '../types';
import { ArticleFieldsForm, fieldsOf, FORM_FIELD_OF, formValuesOf, type ArticleFormValues } from './ArticleFieldsForm';
import { RemovedLines } from './RemovedLines';

interface PasteValues {
  text: string;
}

interface Recognition {
  /** Each 识别 starts the review form afresh. */
  round: number;
  /** The text as recognised: saved as the original, even if the box is edited afterwards. */
  original: string;
  removedLines: RemovedLine[];
  values: ArticleFormValues;
}

/** Step 2: the recognised fields for the worker to check and correct, then 保存. */
function ReviewStep({ recognition }: { recognition: Recognition }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ArticleFormValues>();
  const save = useImportArticle();

  const onSave = (values: ArticleFormValues) =>
    save.mutate(
      { ...fieldsOf(values), original: recognition.original },
      {
        onSuccess: (article) => {
          void message.success('文章已保存');
          void navigate(`/console/articles/${article.id}`);
        },
        onError: (error) => {
          const field = FORM_FIELD_OF[errorField(error) ?? ''];
          if (field) {
            form.setFields([{ name: field, errors: [errorMessage(error)] }]);
          } else {
            void message.error(errorMessage(error));
          }
        },
      },
    );

  return (
    <section className="console-panel" aria-labelledby="article-fields-heading">
      <h2 id="article-fields-heading">2. 核对识别结果</h2>
      <Form<ArticleFormValues> form={form} layout="vertical" name="article-fields" initialValues={recognition.values} onFinish={onSave}>
        <ArticleFieldsForm />
        <div className="article-removed">
          <RemovedLines lines={recognition.removedLines} />
        </div>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="article-save">
          保存
        </Button>
      </Form>
    </section>
  );
}

/** 文章导入: paste (or read a .txt), 识别, check and correct the fields, 保存. */
export default function ArticleImportPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<PasteValues>();
  const fileInput = useRef<HTMLInputElement>(null);
  const extract = useExtractArticle();
  const [recognition, setRecognition] = useState<Recognition | null>(null);

  const onRecognise = ({ text }: PasteValues) => {
    extract.mutate(text, {
      onSuccess: ({ removedLines, ...fields }) =>
        setRecognition((previous) => ({
          round: (previous?.round ?? 0) + 1,
          original: text,
          removedLines,
          values: formValuesOf({ ...fields, kind: 'study' }),
        })),
      onError: (error) => form.setFields([{ name: 'text', errors: [errorMessage(error)] }]),
    });
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) {
      return;
    }
    if (file.size > MAX_TEXT_FILE_BYTES) {
      void message.error('文件超过 1MB，请只保留文章部分');
      return;
    }
    form.setFieldsValue({ text: await readTextFile(file) });
    void message.success(`已读入 ${file.name}`);
  };

  return (
    <>
      <PageTitle title="文章导入" />
      <section className="console-panel" aria-labelledby="article-paste-heading">
        <h2 id="article-paste-heading">1. 粘贴文章</h2>
        <Form<PasteValues> form={form} layout="vertical" name="article-paste" onFinish={onRecognise}>
          <Form.Item
            label="网页上复制的文章内容"
            name="text"
            rules={[{ required: true, whitespace: true, message: '请粘贴文章内容或读入 .txt 文件' }]}
            extra="可含标题、作者、日期等页面文字；识别时去掉广告、导航和“猜你喜欢”等内容，繁体转为简体。"
          >
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 20 }} maxLength={MAX_ORIGINAL_CHARS} data-testid="article-text" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={extract.isPending} data-testid="article-recognise">
              识别
            </Button>
            <Button icon={<FileTextOutlined />} onClick={() => fileInput.current?.click()}>
              读入 .txt 文件
            </Button>
          </Space>
          <input
            ref={fileInput}
            type="file"
            accept=".txt,text/plain"
            style={{ display: 'none' }}
            aria-label="选择 .txt 文件"
            onChange={(event) => void onFile(event)}
          />
        </Form>
      </section>
      {recognition ? <ReviewStep key={recognition.round} recognition={recognition} /> : null}
    </>
  );
}
