import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Collapse, Descriptions, Form, Result, Skeleton, Space, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageTitle } from '../../../console/PageTitle';
import { ApiError, errorField, errorMessage } from '../../../shared/http';
import { formatDateTime } from '../../../shared/format';
import { useArticleDetail, useCorrectArticle } from '../queries';
import type { ArticleDetail, ArticleFields, CorrectArticleBody } from '../types';
import { ArticleFieldsForm, fieldsOf, FORM_FIELD_OF, formValuesOf, type ArticleFormValues } from './ArticleFieldsForm';

/** Only the fields that differ from the saved article, so the audit log names what was corrected. */
function changesOf(saved: ArticleFields, edited: ArticleFields): CorrectArticleBody {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(edited) as (keyof ArticleFields)[]) {
    if (JSON.stringify(edited[key]) !== JSON.stringify(saved[key])) {
      changes[key] = edited[key];
    }
  }
  return changes as CorrectArticleBody;
}

function CorrectForm({ article, onDone }: { article: ArticleDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ArticleFormValues>();
  const correct = useCorrectArticle(article.id);

  const onFinish = (values: ArticleFormValues) => {
    const changes = changesOf(article, fieldsOf(values));
    if (Object.keys(changes).length === 0) {
      void message.info('没有修改');
      onDone();
      return;
    }
    correct.mutate(changes, {
      onSuccess: () => {
        void message.success('已保存更正');
        onDone();
      },
      onError: (error) => {
        const field = FORM_FIELD_OF[errorField(error) ?? ''];
        if (field) {
          form.setFields([{ name: field, errors: [errorMessage(error)] }]);
        } else {
          void message.error(errorMessage(error));
        }
      },
    });
  };

  return (
    <section className="console-panel" aria-labelledby="article-correct-heading">
      <h2 id="article-correct-heading">更正文章</h2>
      <Form<ArticleFormValues>
        form={form}
        layout="vertical"
        name="article-correct"
        initialValues={formValuesOf(article)}
        onFinish={onFinish}
      >
        <ArticleFieldsForm />
        <Space>
          <Button type="primary" htmlType="submit" loading={correct.isPending}>
            保存更正
          </Button>
          <Button onClick={onDone}>取消</Button>
        </Space>
      </Form>
    </section>
  );
}

function ArticleView({ article }: { article: ArticleDetail }) {
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: '类别', children: article.kindLabel },
    { key: 'author', label: '作者', children: article.author ?? '—' },
    { key: 'authorUnit', label: '作者单位', children: article.authorUnit ?? '—' },
    { key: 'publishedOn', label: '发表日期', children: article.publishedOn ?? '—' },
    { key: 'journal', label: '期刊', children: article.journal ?? '—' },
    { key: 'issue', label: '期号', children: article.issue ?? '—' },
    {
      key: 'keywords',
      label: '关键词',
      span: 2,
      children: article.keywords.length > 0 ? article.keywords.map((keyword) => <Tag key={keyword}>{keyword}</Tag>) : '—',
    },
    { key: 'org', label: '所属组织', children: article.orgName },
    { key: 'createdBy', label: '导入人', children: `${article.createdByName}（${formatDateTime(article.createdAt)}）` },
  ];
  return (
    <>
      <section className="console-panel" aria-label="文章信息">
        <Descriptions column={2} size="small" items={items} />
      </section>
      <article className="console-panel article-text" aria-labelledby="article-text-heading">
        <h2 id="article-text-heading">正文</h2>
        {article.paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
        {article.references.length > 0 ? (
          <>
            <h3>参考文献</h3>
            <ol className="article-references">
              {article.references.map((reference, index) => (
                <li key={index}>{reference}</li>
              ))}
            </ol>
          </>
        ) : null}
      </article>
      <section className="console-panel" aria-label="导入时的原文">
        <Collapse
          items={[{ key: 'original', label: '导入时粘贴的原文', children: <pre className="article-original">{article.original}</pre> }]}
        />
      </section>
    </>
  );
}

/** One article: its particulars, its text and the original page text; 更正 for the workers who may. */
export default function ArticleDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const detail = useArticleDetail(id);
  const [editing, setEditing] = useState(false);

  if (detail.isLoading) {
    return <Skeleton active />;
  }
  if (detail.isError || !detail.data) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '文章不存在或您无权查看' : '无法加载文章'}
        subTitle={missing ? undefined : errorMessage(detail.error)}
        extra={<Link to="/console/articles">返回文章列表</Link>}
      />
    );
  }
  const article = detail.data;
  return (
    <>
      <PageTitle
        title={article.title}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/console/articles')}>
              文章列表
            </Button>
            {article.allowedActions.includes('correct') && !editing ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                更正
              </Button>
            ) : null}
          </>
        }
      />
      {editing ? <CorrectForm article={article} onDone={() => setEditing(false)} /> : <ArticleView article={article} />}
    </>
  );
}
