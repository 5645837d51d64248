import { ManualClock } from '../core/clock';
import type { AppContext } from '../core/context';
import { submitAppeal } from '../modules/appeals';
import { SubmitAppealBody } from '../modules/appeals/schemas';
import { backfillOpinionCounts, raiseSurgeAlerts } from '../modules/opinion';

/**
 * A lift that broke down yesterday, in the words of the residents who wrote about it since: the
 * demo's 舆情 dashboard then shows a surge alert to acknowledge and answer, and the dispatcher a group
 * of likely duplicates to merge.
 */
const LIFT_BREAKDOWN = [
  { hoursAgo: 20, anonymous: true, content: '明远家园二期8号楼的电梯从昨天中午开始停运，26层的住户全靠爬楼梯，老人根本下不了楼。' },
  { hoursAgo: 18, anonymous: false, content: '8号楼电梯故障停运，物业只贴了个通知，没说什么时候修好，家里有坐轮椅的老人，出不了门。' },
  { hoursAgo: 15, anonymous: true, content: '二期8号楼电梯又停了，这个月第三次电梯故障了，希望彻底检修，不要每次都是临时修一下。' },
  { hoursAgo: 9, anonymous: false, content: '反映8号楼电梯停运问题，孩子上学要从二十多楼走下去，电梯故障什么时候能修好？' },
  { hoursAgo: 6, anonymous: true, content: '8号楼电梯停运一天多了，送桶装水的都不肯送上楼，请尽快安排电梯维修。' },
  {
    hoursAgo: 4,
    anonymous: false,
    content: '明远家园二期8号楼电梯故障，昨天有人被困在电梯里半个多小时，太危险了，请彻底排查电梯安全隐患。',
  },
  { hoursAgo: 2, anonymous: true, content: '电梯停运到现在还没修，8号楼很多老人买菜都成问题，物业说在等配件，能不能催一下维保单位。' },
];

const CONTACTS = [
  { contactName: '韩秀英', contactPhone: '13957112846' },
  { contactName: '邓建华', contactPhone: '13867034519' },
  { contactName: '彭丽娟', contactPhone: '15988120367' },
];

/** Files the residents' appeals at their hours, then counts every demo appeal and runs the alert job once. */
export async function seedLiftSurge(ctx: AppContext, orgId: string, now: Date): Promise<void> {
  const clock = new ManualClock(now);
  const clocked: AppContext = { ...ctx, clock };
  let contact = 0;
  for (const appeal of LIFT_BREAKDOWN) {
    clock.set(new Date(now.getTime() - appeal.hoursAgo * 3_600_000));
    const body = SubmitAppealBody.parse({
      categoryCode: 'property_repair',
      content: appeal.content,
      address: `明远家园二期8号楼${appeal.anonymous ? '' : `${contact + 1}单元`}`,
      anonymous: appeal.anonymous,
      publicable: true,
      ...(appeal.anonymous ? {} : CONTACTS[contact++ % CONTACTS.length]),
    });
    await submitAppeal(clocked, body, { actor: null, meta: { ip: null, requestId: 'demo-seed' }, channel: 'h5', orgId });
  }
  clock.set(now);
  await backfillOpinionCounts(ctx);
  await raiseSurgeAlerts(ctx.db, clock);
}
