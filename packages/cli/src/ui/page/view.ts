import type { SessionView } from "../view-types.js";

/** One page of the app: it renders into its container once, then refreshes its data in place. */
export interface View {
  /** Loads (again) and updates the page without rebuilding what the reader is using (filters, focus, scroll). */
  refresh(): Promise<void>;
  /** The URL's search part changed (the back button) on this view's own path: show it without reloading. */
  onLocation?(): void;
}

/** What every view gets. */
export interface ViewContext {
  session: SessionView;
  container: HTMLElement;
  /** The page's URL changed by the view itself (`push`: a new history entry, else replaced). */
  navigate(path: string, push: boolean): void;
  /** Sets the readiness mark that the status line (and tests) read: loading until the view's data is in. */
  setBusy(busy: boolean): void;
}
