/**
 * The questionnaires a worker starts from (SurveyJS JSON), for the two most common consultations:
 * how satisfied people are with a service, and what they need.
 */
export const SURVEY_TEMPLATES = [
  {
    key: 'satisfaction',
    name: '满意度调查',
    title: '党群服务满意度调查',
    description: '感谢您抽出时间参与本次调查。您的意见将帮助我们改进服务，调查结果以汇总形式公布。',
    definition: {
      pages: [
        {
          name: 'page1',
          elements: [
            {
              type: 'rating',
              name: 'overall',
              title: '总体来看，您对党群服务中心的服务满意吗？',
              isRequired: true,
              rateMin: 1,
              rateMax: 5,
              minRateDescription: '很不满意',
              maxRateDescription: '非常满意',
            },
            {
              type: 'matrix',
              name: 'aspects',
              title: '请对以下方面作出评价',
              rows: [
                { value: 'attitude', text: '服务态度' },
                { value: 'speed', text: '办事效率' },
                { value: 'environment', text: '办事环境' },
                { value: 'information', text: '信息公开' },
              ],
              columns: [
                { value: 'good', text: '满意' },
                { value: 'fair', text: '基本满意' },
                { value: 'poor', text: '不满意' },
              ],
            },
            {
              type: 'radiogroup',
              name: 'visits',
              title: '过去一年，您到服务中心办事的次数',
              choices: [
                { value: 'none', text: '没有去过' },
                { value: 'few', text: '1–3 次' },
                { value: 'many', text: '4 次及以上' },
              ],
            },
            {
              type: 'comment',
              name: 'unsatisfied',
              title: '您不满意的地方是什么？',
              visibleIf: '{overall} <= 2',
            },
            { type: 'comment', name: 'suggestions', title: '您对改进服务有什么建议？' },
          ],
        },
      ],
    },
  },
  {
    key: 'needs',
    name: '需求征集',
    title: '年度为民办实事项目需求征集',
    description: '我们正在确定明年为群众办实事的项目，请告诉我们您最希望解决的问题。',
    definition: {
      pages: [
        {
          name: 'page1',
          elements: [
            {
              type: 'checkbox',
              name: 'areas',
              title: '您最希望在哪些方面得到改善？（最多选三项）',
              isRequired: true,
              maxSelectedChoices: 3,
              choices: [
                { value: 'elderly', text: '养老助老' },
                { value: 'children', text: '托育和课后服务' },
                { value: 'parking', text: '停车和交通' },
                { value: 'canteen', text: '食堂和就餐' },
                { value: 'health', text: '医疗健康' },
                { value: 'culture', text: '文体活动场地' },
                { value: 'environment', text: '环境卫生' },
              ],
            },
            {
              type: 'ranking',
              name: 'priority',
              title: '请把以下项目按您心中的先后排序',
              choices: [
                { value: 'lift', text: '老旧楼加装电梯' },
                { value: 'canteen', text: '长者食堂' },
                { value: 'parking', text: '增设停车位' },
                { value: 'greening', text: '小区绿化改造' },
              ],
            },
            { type: 'boolean', name: 'volunteer', title: '您愿意参加志愿服务吗？', labelTrue: '愿意', labelFalse: '暂不' },
            {
              type: 'text',
              name: 'volunteerSkill',
              title: '您擅长或愿意提供哪方面的服务？',
              visibleIf: '{volunteer} = true',
            },
            { type: 'comment', name: 'needs', title: '请具体说说您的需求或建议', isRequired: true },
          ],
        },
      ],
    },
  },
] as const;
