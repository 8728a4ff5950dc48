// Every place the app can show, as data. Adding a view: a view file, a controller,
// and one line here and in `app.ts`'s controller table.
import type { HighlightFilter } from "../api";
import type { Shelf } from "../views/library";

export type Route =
  | { view: "library"; shelf?: Shelf }
  | { view: "highlights"; filter?: HighlightFilter }
  | { view: "search"; query: string }
  | { view: "reader"; id: number; highlightId?: number; position?: number }
  | { view: "error" };

export type ViewName = Route["view"];

export type RouteOf<V extends ViewName> = Extract<Route, { view: V }>;

/** What every view's controller does; the router calls nothing else. */
export interface Controller<R extends Route = Route> {
  /** Show the view for `route` (fetching what it needs). */
  show(route: R): Promise<void>;
  /** The library changed outside the app: show the view as it is now, keeping the place. */
  refresh(): Promise<void>;
  /** A key nobody else took while this view is shown; true when it was used. */
  onKey?(event: KeyboardEvent): boolean;
  /** The user is in the middle of something here (selecting rows) that a refresh would undo. */
  busy?(): boolean;
}

export type Controllers = { [V in ViewName]: Controller<RouteOf<V>> };
