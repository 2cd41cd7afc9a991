// One PaginationError for every paging failure: the runtime's, re-exported here so the fleet entry point names it too
// and `PaginationError.isInstance` holds whichever walker stopped.
export { PaginationError, type PaginationStopReason } from "../pagination/error.js";
