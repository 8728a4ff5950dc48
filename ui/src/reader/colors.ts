// The highlight colours, in the order the toolbar shows them, with their names.
import type { HighlightColor } from "../api";

export const COLORS: Array<{ color: HighlightColor; name: string; key: string }> = [
  { color: "yellow", name: "Yellow", key: "1" },
  { color: "green", name: "Green", key: "2" },
  { color: "blue", name: "Blue", key: "3" },
  { color: "pink", name: "Pink", key: "4" },
  { color: "purple", name: "Purple", key: "5" },
];
