// /market: the user's live watchlist, the selected ticker's candles and market news.
import type { Metadata } from "next";

import { MarketPage } from "@/components/market/market-page";

export const metadata: Metadata = { title: "Market" };

export default function Page() {
  return <MarketPage />;
}
