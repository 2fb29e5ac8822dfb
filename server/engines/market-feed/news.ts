// Generated market news: plausible headlines about a ticker, from a few templates and the random source.
import type { NewsItem } from "@/lib/protocol/entities/market";
import type { Random } from "./random";
import type { TickerProfile } from "./tickers";

const TEMPLATES: readonly { title: string; content: string }[] = [
  { title: "{name} beats quarterly revenue estimates", content: "{name} ({ticker}) reported revenue above analysts' consensus, driven by stronger demand." },
  { title: "{name} shares move after analyst rating change", content: "An analyst changed the rating on {ticker}, citing valuation and guidance for the coming quarters." },
  { title: "{name} announces share buyback", content: "The board of {name} approved a new repurchase programme for {ticker} shares." },
  { title: "{name} faces regulatory questions", content: "Regulators asked {name} for details on recent business practices; {ticker} trading remains orderly." },
  { title: "{name} unveils new product line", content: "{name} presented new products at an event today; investors in {ticker} weighed the launch's margins." },
  { title: "{name} executive to step down", content: "{name} said a senior executive will leave; the company expects a smooth transition for {ticker} holders." },
  { title: "Options activity picks up in {ticker}", content: "Unusual options volume was reported in {ticker} ahead of the next earnings date." },
  { title: "{name} raises full-year guidance", content: "{name} now expects higher full-year results; {ticker} reacted in early trading." },
];

let sequence = 0;

export function generateNews(profile: TickerProfile, random: Random, at: Date): NewsItem {
  const template = TEMPLATES[random.int(TEMPLATES.length)]!;
  const fill = (text: string) => text.replaceAll("{name}", profile.name).replaceAll("{ticker}", profile.ticker);
  sequence += 1;
  return {
    id: `news_${at.getTime().toString(36)}_${sequence}`,
    title: fill(template.title),
    content: fill(template.content),
    ticker: profile.ticker,
    published_at: at.toISOString(),
  };
}
