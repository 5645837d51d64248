/**
 * Chinese function words and fillers that carry no subject: left out of keywords, fingerprints
 * and term counts (not out of the search index, where a phrase needs them).
 */
const STOP_WORDS = new Set(
  (
    '的 地 得 了 着 过 和 与 及 以及 或 或者 而 而且 并 并且 且 但 但是 却 则 就 也 还 又 再 都 只 才 很 更 最 太 ' +
    '是 为 为了 以 于 在 从 自 向 对 对于 关于 把 被 让 给 将 由 因 因为 所以 因此 如果 虽然 即使 只要 只有 ' +
    '我 你 他 她 它 我们 你们 他们 她们 它们 自己 大家 咱们 这 那 这个 那个 这些 那些 这样 那样 这种 那种 这里 那里 ' +
    '什么 怎么 怎样 如何 为什么 哪 哪里 哪些 多少 几 一 一个 一些 一种 一直 一定 一般 一起 一样 ' +
    '有 没有 没 不 不是 不会 不能 可以 可能 能够 应该 应当 需要 必须 已经 已 曾 正在 将要 会 能 要 想 ' +
    '等 等等 之 其 其中 其他 其它 之一 之间 之后 之前 以上 以下 以后 以前 以来 方面 通过 进行 进一步 ' +
    '上 下 中 内 外 前 后 里 上面 下面 当前 目前 现在 今后 同时 然后 另外 此外 总之 例如 比如 ' +
    '啊 吧 呢 吗 呀 哦 嗯 么 嘛 呗 啦 哈 ' +
    '各 每 某 本 该 此 各种 各个 各级 所有 一切 任何 很多 许多 非常 比较 十分 特别 尤其 就是 还是 而是 只是 也是 都是 ' +
    '年 月 日 时 分 第 次 个 位 名 条 项 件'
  ).split(' '),
);

export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);
