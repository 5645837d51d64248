import type { Satisfaction } from '../catalogue';
import type { Random } from '../random';
import { dayPart, monthDay } from './dates';
import { expand } from './template';

/**
 * The short notes workers and citizens leave along the way. They may repeat, as such notes do in
 * real case files; the appeals and replies are what must never repeat.
 */
export const notes = {
  dispatch: (random: Random) =>
    expand(
      '[请尽快联系群众核实情况|群众反映较急，请优先处理|请[一|两]个工作日内上门查看|此前有过类似反映，请彻底解决|请核实后按时答复]',
      random,
    ),

  contact: (random: Random, visitAt: Date) =>
    expand(`已电话联系[群众|反映人]，[约定|商定]${monthDay(visitAt)}${dayPart(visitAt)}[上门|到现场]查看`, random),

  requestReturn: (random: Random, rightUnit: string, subject: string) =>
    expand(
      `[该事项|此件]涉及的${subject}属于${rightUnit}[职责|管理]范围，[我单位无权处理|我单位没有相应人员和设备]，[建议|请]改派${rightUnit}`,
      random,
    ),

  denyReturn: (random: Random, subject: string) =>
    expand(`经核实，${subject}[属于你单位职责范围|的日常管理由你单位负责]，请[按时签收办理|先签收，需要协同的另行协调]`, random),

  requestExtension: (random: Random, otherUnit: string) =>
    expand(
      `[需[采购|定制]配件，供货周期约{3-10}个工作日|需协调${otherUnit}和施工单位共同处理|涉及{3-12}户[住户|职工]，需逐户沟通|需等[天气转好|停产检修窗口]再施工|需报集团审批维修资金约{2-9}千元]`,
      random,
    ),

  denyExtension: (random: Random) =>
    expand('[延期理由不充分|申请的时间过长]，请[先采取临时措施|在原期限内办结]，确有困难再[书面|]说明', random),

  sendBack: (random: Random) =>
    expand('答复[未说明|没有写清][具体整改时间|责任人|处理结果|后续安排]，请补充[后重新答复|完整后再提交]', random),

  supervise: (random: Random, unitName: string, dueAt: Date) =>
    expand(`[请|要求]${unitName}[高度重视|抓紧办理|主要负责人亲自过问]，${monthDay(dueAt)}前办结并反馈`, random),

  rating: (random: Random, satisfaction: Satisfaction, subject: string, byPhone: boolean) => {
    const said: Record<Satisfaction, string> = {
      satisfied: `[师傅[当天|第二天]就来处理好了|工作人员态度很好，很负责|${subject}的问题解决了，[非常满意|很满意]|效率很高，点赞]`,
      basically_satisfied: `[问题基本解决了，就是等得有点久|${subject}的事算是处理了，希望以后别再反复|答复还行，但跑了好几趟]`,
      unsatisfied: `[只来看了一眼，${subject}到现在还是老样子|答复太笼统，没说清楚什么时候解决|说修好了，可${subject}的问题根本没解决|推来推去，没有实际效果]`,
    };
    return expand(byPhone ? `电话回访：群众表示${said[satisfaction]}` : said[satisfaction], random);
  },
};
