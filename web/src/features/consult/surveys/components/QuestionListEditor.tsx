import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Select, Space, Tooltip } from 'antd';
import { CHOICE_TYPES, choice, newQuestion, type BuilderQuestion, type Choice } from '../builder';
import { QUESTION_TYPE_LABELS, QUESTION_TYPES, type QuestionType } from '../types';

interface QuestionListEditorProps {
  questions: BuilderQuestion[];
  onChange: (questions: BuilderQuestion[]) => void;
}

const typeOptions = QUESTION_TYPES.map((type) => ({ value: type, label: QUESTION_TYPE_LABELS[type] }));

/** One option per line: editing the text keeps the value of an option that had one, so stored answers still match. */
function ChoiceLines({ label, value, onChange }: { label: string; value: Choice[]; onChange: (choices: Choice[]) => void }) {
  return (
    <label className="survey-builder-field">
      <span>{label}（每行一项）</span>
      <Input.TextArea
        autoSize={{ minRows: 2, maxRows: 10 }}
        value={value.map((item) => item.text).join('\n')}
        onChange={(event) =>
          onChange(
            event.target.value
              .split('\n')
              .map((line, index) => (value[index] && value[index].text === line ? value[index] : choice(line)))
              .filter((item, index, all) => item.text.trim() !== '' || index === all.length - 1),
          )
        }
      />
    </label>
  );
}

/** 题目列表: add, remove, reorder and edit questions, and a simple "show if question X is Y" condition. */
export function QuestionListEditor({ questions, onChange }: QuestionListEditorProps) {
  const update = (index: number, changes: Partial<BuilderQuestion>) =>
    onChange(questions.map((question, i) => (i === index ? { ...question, ...changes } : question)));
  const move = (index: number, by: number) => {
    const next = [...questions];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved);
    onChange(next);
  };
  const changeType = (index: number, type: QuestionType) => {
    const fresh = newQuestion(type, questions);
    const current = questions[index];
    const keepsChoices = (CHOICE_TYPES.includes(type) || type === 'matrix') && current.choices.length > 0;
    update(index, { type, choices: keepsChoices ? current.choices : fresh.choices, columns: fresh.columns, extra: {} });
  };

  return (
    <div className="survey-builder">
      {questions.map((question, index) => {
        const earlier = questions.slice(0, index).filter((q) => q.name !== question.name);
        const conditionSource = earlier.find((q) => q.name === question.showIf?.question);
        return (
          <Card
            key={question.key}
            size="small"
            title={`第 ${index + 1} 题`}
            data-testid={`question-${index}`}
            extra={
              <Space>
                <Tooltip title="上移">
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    aria-label={`上移第 ${index + 1} 题`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  />
                </Tooltip>
                <Tooltip title="下移">
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    aria-label={`下移第 ${index + 1} 题`}
                    disabled={index === questions.length - 1}
                    onClick={() => move(index, 1)}
                  />
                </Tooltip>
                <Tooltip title="删除">
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`删除第 ${index + 1} 题`}
                    onClick={() => onChange(questions.filter((_, i) => i !== index))}
                  />
                </Tooltip>
              </Space>
            }
          >
            <div className="survey-builder-row">
              <label className="survey-builder-field survey-builder-title">
                <span>题目</span>
                <Input value={question.title} placeholder="请输入题目" onChange={(event) => update(index, { title: event.target.value })} />
              </label>
              <label className="survey-builder-field">
                <span>题型</span>
                <Select
                  value={question.type}
                  options={typeOptions}
                  style={{ width: 130 }}
                  onChange={(type) => changeType(index, type)}
                  aria-label={`第 ${index + 1} 题的题型`}
                />
              </label>
              <Checkbox checked={question.isRequired} onChange={(event) => update(index, { isRequired: event.target.checked })}>
                必答
              </Checkbox>
            </div>
            {CHOICE_TYPES.includes(question.type) ? (
              <ChoiceLines label="选项" value={question.choices} onChange={(choices) => update(index, { choices })} />
            ) : null}
            {question.type === 'matrix' ? (
              <div className="survey-builder-row">
                <ChoiceLines label="行" value={question.choices} onChange={(choices) => update(index, { choices })} />
                <ChoiceLines label="列" value={question.columns} onChange={(columns) => update(index, { columns })} />
              </div>
            ) : null}
            <div className="survey-builder-row">
              <span>显示条件：</span>
              <Select
                allowClear
                placeholder="总是显示"
                style={{ width: 220 }}
                aria-label={`第 ${index + 1} 题的显示条件`}
                value={question.showIf?.question}
                options={earlier.map((q) => ({ value: q.name, label: q.title || q.name }))}
                onChange={(name?: string) => update(index, { showIf: name ? { question: name, value: '' } : null })}
              />
              {question.showIf ? (
                <>
                  <span>的回答为</span>
                  {conditionSource && conditionSource.choices.length > 0 && conditionSource.type !== 'matrix' ? (
                    <Select
                      style={{ width: 180 }}
                      aria-label={`第 ${index + 1} 题显示条件的回答`}
                      value={question.showIf.value || undefined}
                      options={conditionSource.choices.map((item) => ({ value: String(item.value), label: item.text }))}
                      onChange={(value: string) => update(index, { showIf: { question: question.showIf!.question, value } })}
                    />
                  ) : (
                    <Input
                      style={{ width: 180 }}
                      aria-label={`第 ${index + 1} 题显示条件的回答`}
                      value={question.showIf.value}
                      onChange={(event) => update(index, { showIf: { question: question.showIf!.question, value: event.target.value } })}
                    />
                  )}
                  <span>时显示</span>
                </>
              ) : typeof question.extra.visibleIf === 'string' ? (
                <code>{question.extra.visibleIf}</code>
              ) : null}
            </div>
          </Card>
        );
      })}
      <Space wrap>
        {QUESTION_TYPES.map((type) => (
          <Button key={type} icon={<PlusOutlined />} onClick={() => onChange([...questions, newQuestion(type, questions)])}>
            {QUESTION_TYPE_LABELS[type]}
          </Button>
        ))}
      </Space>
    </div>
  );
}
