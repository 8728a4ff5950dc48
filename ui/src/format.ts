// How numbers and dates read in the UI.
import type { ArticleSummary, RefetchReport } from "./api";

export function readingTime(minutes: number): string {
  if (minutes <= 0) return "Less than a minute";
  if (minutes < 60) return `${minutes} min read`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h read` : `${hours} h ${rest} min read`;
}

const dateFormat = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", year: "numeric" });

/** "Saved today", "Saved yesterday", or "Saved Nov 3, 2026". */
export function savedLabel(savedAtMillis: number, now: Date = new Date()): string {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const day = 24 * 60 * 60 * 1000;
  if (savedAtMillis >= startOfToday) return "Saved today";
  if (savedAtMillis >= startOfToday - day) return "Saved yesterday";
  return `Saved ${dateFormat.format(new Date(savedAtMillis))}`;
}

/** A published date as the page gave it, shown as a date when it parses. */
export function publishedDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : dateFormat.format(new Date(time));
}

/** The publication: its name, or the host of its address. */
export function siteName(article: Pick<ArticleSummary, "siteName" | "url">): string | null {
  return article.siteName ?? hostOf(article.url);
}

/** "The Diplomatic Insight · Farkhund Yousafzai": whichever of the two is known. */
export function sourceLine(article: Pick<ArticleSummary, "siteName" | "byline" | "url">): string {
  return [siteName(article), article.byline].filter((part): part is string => Boolean(part)).join(" · ");
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** What a re-fetch did, in a sentence or two: the words, the title, every highlight. */
export function refetchSummary(report: RefetchReport): string {
  if (!report.changed) return "The page has not changed since it was saved.";
  const words = (n: number): string => n.toLocaleString("en");
  const parts = [`Fetched again: ${words(report.wordsBefore)} → ${words(report.wordsAfter)} words${report.titleChanged ? ", new title" : ""}.`];
  const { inPlace, moved, orphaned } = report.highlights;
  const counts = [
    inPlace > 0 ? `${inPlace} in place` : null,
    moved > 0 ? `${moved} moved with the text` : null,
    orphaned > 0 ? `${orphaned} no longer found (kept in Notes with their quotes)` : null,
  ].filter((part): part is string => part !== null);
  if (counts.length > 0) parts.push(`Highlights: ${counts.join(", ")}.`);
  parts.push("The previous text is kept as a version.");
  return parts.join(" ");
}
